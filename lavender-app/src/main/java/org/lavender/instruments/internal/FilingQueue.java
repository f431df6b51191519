package org.lavender.instruments.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
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
 * is stored, not after the previous one is filed. Workers (one by default) file in parallel; the messages of one
 * specimen always go to the same worker, so they are filed in the order they were stored (a re-run replaces the
 * first run, never the other way round). A worker files whatever has queued up while it was busy in one transaction (up to
 * {@code lavender.instruments.filing-batch} messages): one message alone when analyzers are quiet, larger batches,
 * at a fraction of the cost per message, when they send fast. What does not fit in a queue, or was stored but not
 * filed before a crash, stays RECEIVED and is picked up by the sweep (at start, then every few seconds); filing is
 * idempotent, so a message met twice is filed once. When a batch fails, its messages are filed one by one, so one
 * bad message cannot hold back the others: a message that cannot be filed for a reason other than the database
 * being busy or away becomes a dead letter with that reason.
 */
@Component
class FilingQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FilingQueue.class);
    private static final Duration SWEEP = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 3;
    private static final int QUEUE_CAPACITY = 10_000;

    private final FilingService filing;
    private final MessageRepository messages;
    private final LiveStatus live;
    private final int batchSize;
    private final Worker[] workers;
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
            r -> daemon(r, "analyzer-filing-sweep"));

    FilingQueue(FilingService filing, MessageRepository messages, LiveStatus live,
                @Value("${lavender.instruments.filing-workers:1}") int workerCount,
                @Value("${lavender.instruments.filing-batch:50}") int batchSize) {
        this.filing = filing;
        this.messages = messages;
        this.live = live;
        this.batchSize = Math.max(1, batchSize);
        this.workers = new Worker[Math.max(1, workerCount)];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker("analyzer-filing-" + (i + 1));
        }
    }

    /** A stored message waiting to be filed; {@code content} is what the connection read from it, or null. */
    private record Job(long analyzerId, long rawMessageId, MessageContent content) {
    }

    /** One filing thread and its queue. */
    private final class Worker {

        private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
        private final Thread thread;
        private volatile boolean busy;

        Worker(String name) {
            thread = daemon(this::run, name);
            thread.start();
        }

        private void run() {
            var batch = new ArrayList<Job>(batchSize);
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    batch.add(queue.take());
                    busy = true;
                    queue.drainTo(batch, batchSize - 1);
                    try {
                        file(batch);
                    } catch (RuntimeException e) {
                        // Left RECEIVED: the sweep tries again; the worker keeps serving its queue.
                        log.error("Filing of {} analyzer messages failed unexpectedly", batch.size(), e);
                    } finally {
                        batch.clear();
                        busy = false;
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            }
        }

        boolean idle() {
            return queue.isEmpty() && !busy;
        }
    }

    /** {@code content}: what the connection read from the stored bytes, or null (read from the store). */
    void submit(Analyzer analyzer, long rawMessageId, MessageContent content) {
        // A full queue leaves the message RECEIVED: the sweep files it.
        workerFor(content).queue.offer(new Job(analyzer.id(), rawMessageId, content));
    }

    // The first patient specimen of the message decides; a message that names none has no order to keep.
    private Worker workerFor(MessageContent content) {
        String specimen = content == null ? "" : content.observations().stream().filter(o -> !o.qc())
                .map(o -> Accession.normalise(o.specimenId())).findFirst().orElse("");
        return workers[Math.floorMod(specimen.hashCode(), workers.length)];
    }

    @EventListener(ApplicationReadyEvent.class)
    void startSweeping() {
        sweeper.scheduleWithFixedDelay(this::sweep, 0, SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        if (!Arrays.stream(workers).allMatch(Worker::idle)) {
            return;
        }
        try {
            List<Job> left = new ArrayList<>();
            for (long id : messages.received()) {
                messages.find(id).ifPresent(m -> left.add(new Job(m.analyzerId(), id, null)));
            }
            for (int from = 0; from < left.size(); from += batchSize) {
                file(left.subList(from, Math.min(left.size(), from + batchSize)));
            }
        } catch (RuntimeException e) {
            log.warn("Sweep of unfiled analyzer messages failed: {}", e.toString());
        }
    }

    private void file(List<Job> batch) {
        RuntimeException failure = attempt(batch);
        if (failure == null) {
            return;
        }
        if (failure instanceof DataAccessResourceFailureException) {
            batch.forEach(job -> notFiledYet(job, failure));
        } else if (batch.size() > 1) {
            // Find the message that fails: the others are filed on their own.
            batch.forEach(job -> file(List.of(job)));
        } else if (failure instanceof TransientDataAccessException) {
            notFiledYet(batch.get(0), failure);
        } else {
            deadLetter(batch.get(0), failure);
        }
    }

    /** Files the batch in one transaction; returns null, or why it failed (all of it rolled back). */
    private RuntimeException attempt(List<Job> batch) {
        List<FilingService.Filing> filings = batch.stream()
                .map(job -> new FilingService.Filing(job.rawMessageId(), job.content())).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                filing.processAll(filings);
                return null;
            } catch (TransientDataAccessException busy) {
                // Deadlock victim, lock or query timeout: the whole transaction rolled back; try it again.
                if (attempt == ATTEMPTS) {
                    return busy;
                }
            } catch (RuntimeException e) {
                return e;
            }
        }
    }

    private void notFiledYet(Job job, RuntimeException e) {
        live.of(job.analyzerId()).lastError = "message " + job.rawMessageId() + " stored but not filed yet: "
                + e.getMessage();
        log.error("Analyzer message {} stored and acknowledged but not filed; retried by the sweep",
                job.rawMessageId(), e);
    }

    private void deadLetter(Job job, RuntimeException e) {
        String reason = "filing failed: " + e.getMessage();
        live.of(job.analyzerId()).lastError = "message " + job.rawMessageId() + " " + reason;
        log.error("Analyzer message {} stored and acknowledged but could not be filed; now a dead letter",
                job.rawMessageId(), e);
        try {
            filing.failed(job.rawMessageId(), reason);
        } catch (RuntimeException again) {
            log.error("Analyzer message {} could not be made a dead letter; retried by the sweep",
                    job.rawMessageId(), again);
        }
    }

    @Override
    public void destroy() {
        sweeper.shutdownNow();
        for (Worker worker : workers) {
            worker.thread.interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
