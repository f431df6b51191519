package org.lavender.instruments.internal;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.lavender.instruments.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Files stored messages off the connection threads, so an analyzer's next message is acknowledged as soon as it
 * is stored, not after the previous one is filed. One worker keeps storage order. What does not fit in the queue,
 * or was stored but not filed before a crash, stays RECEIVED and is picked up by the sweep (at start, then
 * every few seconds); filing is idempotent, so a message met twice is filed once.
 */
@Component
class FilingQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FilingQueue.class);
    private static final Duration SWEEP = Duration.ofSeconds(5);

    private final FilingService filing;
    private final MessageRepository messages;
    private final LiveStatus live;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(10_000), r -> daemon(r, "analyzer-filing"));
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "analyzer-filing-sweep"));

    FilingQueue(FilingService filing, MessageRepository messages, LiveStatus live) {
        this.filing = filing;
        this.messages = messages;
        this.live = live;
    }

    void submit(Analyzer analyzer, long rawMessageId) {
        try {
            worker.execute(() -> file(analyzer.id(), rawMessageId));
        } catch (RejectedExecutionException full) {
            // Left RECEIVED: the sweep files it.
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        if (!worker.getQueue().isEmpty() || worker.getActiveCount() > 0) {
            return;
        }
        try {
            for (long id : messages.received()) {
                messages.find(id).ifPresent(m -> file(m.analyzerId(), id));
            }
        } catch (RuntimeException e) {
            log.warn("Sweep of unfiled analyzer messages failed: {}", e.toString());
        }
    }

    private void file(long analyzerId, long rawMessageId) {
        try {
            filing.process(rawMessageId);
        } catch (RuntimeException e) {
            live.of(analyzerId).lastError = "message " + rawMessageId + " stored but not filed yet: " + e.getMessage();
            log.error("Analyzer message {} stored and acknowledged but not filed; retried by the sweep",
                    rawMessageId, e);
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        worker.shutdownNow();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
