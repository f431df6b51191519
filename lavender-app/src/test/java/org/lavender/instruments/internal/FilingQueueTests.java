package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.MessageState;
import org.lavender.instruments.Transport;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;

/**
 * The filing queue's batches and what it does when a batch fails, with a filing service that records its calls:
 * messages that queue up while the worker is busy are filed together; a batch that fails is filed message by
 * message, so only the message that fails becomes a dead letter; a busy database is tried again, and one that is
 * away leaves the messages for the sweep, never as dead letters.
 */
class FilingQueueTests {

    private static final Analyzer ANALYZER = new Analyzer(7, "Q", null, null, AnalyzerProtocol.HL7,
            Transport.TCP_SERVER, null, 0, null, "UTF-8", true, true, 0, false);

    private final RecordingFiling filing = new RecordingFiling();
    private final LiveStatus live = new LiveStatus();
    private FilingQueue queue;

    @AfterEach
    void stop() {
        filing.release.countDown();
        if (queue != null) {
            queue.destroy();
        }
    }

    @Test
    void messagesQueuedWhileTheWorkerIsBusyAreFiledTogetherAndAFailingOneAloneBecomesADeadLetter()
            throws Exception {
        filing.failWhen = batch -> batch.contains(3L);
        queue = new FilingQueue(filing, null, live, 1, 50);

        queue.submit(ANALYZER, 1, null);
        assertThat(filing.started.await(5, TimeUnit.SECONDS)).isTrue();
        for (long id = 2; id <= 5; id++) {
            queue.submit(ANALYZER, id, null);
        }
        filing.release.countDown();

        awaitDeadLetters(1);
        assertThat(filing.calls).containsExactly(List.of(1L), List.of(2L, 3L, 4L, 5L), List.of(2L), List.of(3L),
                List.of(4L), List.of(5L));
        assertThat(filing.deadLetters).containsExactly("3 filing failed: message 3 cannot be filed");
        assertThat(live.of(ANALYZER.id()).lastError).isEqualTo("message 3 filing failed: message 3 cannot be filed");
    }

    @Test
    void aBusyDatabaseIsTriedThreeTimesAndTheMessageLeftForTheSweep() throws Exception {
        filing.release.countDown();
        filing.failWith = new PessimisticLockingFailureException("deadlock detected");
        queue = new FilingQueue(filing, null, live, 1, 50);

        queue.submit(ANALYZER, 9, null);

        awaitCalls(3);
        Thread.sleep(200);
        assertThat(filing.calls).containsExactly(List.of(9L), List.of(9L), List.of(9L));
        assertThat(filing.deadLetters).isEmpty();
        assertThat(live.of(ANALYZER.id()).lastError).startsWith("message 9 stored but not filed yet");
    }

    @Test
    void aDatabaseThatIsAwayLeavesTheWholeBatchForTheSweep() throws Exception {
        filing.failWhen = batch -> batch.size() > 1;
        filing.failWith = new DataAccessResourceFailureException("connection refused");
        queue = new FilingQueue(filing, null, live, 1, 50);

        queue.submit(ANALYZER, 1, null);
        assertThat(filing.started.await(5, TimeUnit.SECONDS)).isTrue();
        queue.submit(ANALYZER, 2, null);
        queue.submit(ANALYZER, 3, null);
        filing.release.countDown();

        awaitCalls(2);
        Thread.sleep(200);
        assertThat(filing.calls).containsExactly(List.of(1L), List.of(2L, 3L));
        assertThat(filing.deadLetters).isEmpty();
        assertThat(live.of(ANALYZER.id()).lastError).contains("stored but not filed yet: connection refused");
    }

    private void awaitCalls(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (filing.calls.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private void awaitDeadLetters(int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (filing.deadLetters.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(100);
    }

    /**
     * Records each batch it is asked to file; the first call waits until released (so that the next messages
     * queue up), and a batch matching {@code failWhen} fails with {@code failWith}.
     */
    private static final class RecordingFiling extends FilingService {

        final List<List<Long>> calls = new CopyOnWriteArrayList<>();
        final List<String> deadLetters = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        volatile Predicate<List<Long>> failWhen = batch -> true;
        volatile RuntimeException failWith;

        RecordingFiling() {
            super(null, null, null, null, Clock.systemUTC());
        }

        @Override
        public Map<Long, MessageState> processAll(List<Filing> batch) {
            List<Long> ids = batch.stream().map(Filing::rawMessageId).toList();
            calls.add(ids);
            started.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failWhen.test(ids) && (failWith != null || ids.contains(3L))) {
                throw failWith != null ? failWith : new IllegalStateException("message 3 cannot be filed");
            }
            return Map.of();
        }

        @Override
        public void failed(long rawMessageId, String reason) {
            deadLetters.add(rawMessageId + " " + reason);
        }
    }
}
