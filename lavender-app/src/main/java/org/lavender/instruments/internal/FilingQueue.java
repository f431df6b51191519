package org.lavender.instruments.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.lavender.instruments.Analyzer;
import org.lavender.specimens.Accession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Files stored messages off the connection threads, so an analyzer's next message is acknowledged as soon as it
 * is stored, not after the previous one is filed. Several workers file in parallel; the messages of one specimen
 * always go to the same worker, so they are filed in the order they were stored (a re-run replaces the first run,
 * never the other way round). What does not fit in a queue, or was stored but not filed before a crash, stays
 * RECEIVED and is picked up by the sweep (at start, then every few seconds); filing is idempotent, so a message
 * met twice is filed once. A message that cannot be filed for a reason other than the database being busy or
 * away becomes a dead letter with that reason.
 */
@Component
class FilingQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FilingQueue.class);
    private static final Duration SWEEP = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;

    private final FilingService filing;
    private final MessageRepository messages;
    private final LiveStatus live;
    private final ThreadPoolExecutor[] workers;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "analyzer-filing-sweep"));

    FilingQueue(FilingService filing, MessageRepository messages, LiveStatus live,
                @Value("${lavender.instruments.filing-workers:2}") int workerCount) {
        this.filing = filing;
        this.messages = messages;
        this.live = live;
        this.workers = new ThreadPoolExecutor[Math.max(1, workerCount)];
        for (int i = 0; i < workers.length; i++) {
            String name = "analyzer-filing-" + (i + 1);
            workers[i] = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(10_000),
                    r -> daemon(r, name));
        }
    }

    /** {@code content}: what the connection read from the stored bytes, or null (read from the store). */
    void submit(Analyzer analyzer, long rawMessageId, MessageContent content) {
        try {
            workerFor(content).execute(() -> file(analyzer.id(), rawMessageId, content));
        } catch (RejectedExecutionException full) {
            // Left RECEIVED: the sweep files it.
        }
    }

    // The first patient specimen of the message decides; a message that names none has no order to keep.
    private ThreadPoolExecutor workerFor(MessageContent content) {
        String specimen = content == null ? "" : content.observations().stream().filter(o -> !o.qc())
                .map(o -> Accession.normalise(o.specimenId())).findFirst().orElse("");
        return workers[Math.floorMod(specimen.hashCode(), workers.length)];
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        if (Arrays.stream(workers).anyMatch(w -> !w.getQueue().isEmpty() || w.getActiveCount() > 0)) {
            return;
        }
        try {
            for (long id : messages.received()) {
                messages.find(id).ifPresent(m -> file(m.analyzerId(), id, null));
            }
        } catch (RuntimeException e) {
            log.warn("Sweep of unfiled analyzer messages failed: {}", e.toString());
        }
    }

    private void file(long analyzerId, long rawMessageId, MessageContent content) {
        for (int attempt = 1; ; attempt++) {
            try {
                filing.process(rawMessageId, content);
                return;
            } catch (TransientDataAccessException busy) {
                // Deadlock victim, lock or query timeout: the whole transaction rolled back; try it again.
                if (attempt == ATTEMPTS) {
                    notFiledYet(analyzerId, rawMessageId, busy);
                    return;
                }
            } catch (DataAccessResourceFailureException away) {
                notFiledYet(analyzerId, rawMessageId, away);
                return;
            } catch (RuntimeException e) {
                deadLetter(analyzerId, rawMessageId, e);
                return;
            }
        }
    }

    private void notFiledYet(long analyzerId, long rawMessageId, RuntimeException e) {
        live.of(analyzerId).lastError = "message " + rawMessageId + " stored but not filed yet: " + e.getMessage();
        log.error("Analyzer message {} stored and acknowledged but not filed; retried by the sweep", rawMessageId, e);
    }

    private void deadLetter(long analyzerId, long rawMessageId, RuntimeException e) {
        String reason = "filing failed: " + e.getMessage();
        live.of(analyzerId).lastError = "message " + rawMessageId + " " + reason;
        log.error("Analyzer message {} stored and acknowledged but could not be filed; now a dead letter",
                rawMessageId, e);
        try {
            filing.failed(rawMessageId, reason);
        } catch (RuntimeException again) {
            log.error("Analyzer message {} could not be made a dead letter; retried by the sweep", rawMessageId,
                    again);
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        for (ThreadPoolExecutor worker : workers) {
            worker.shutdownNow();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
