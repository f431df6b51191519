package org.lavender.results;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * The documented telephone notifications of critical results (CLIA 42 CFR 493.1291(g)), for reports: what was
 * called to whom, by whom and when, and whether the receiver read the value back.
 */
public interface CriticalNotifications {

    /** Every critical-call task of these results with its calls, oldest first. */
    List<Notification> forResults(Collection<Long> resultIds);

    /** One critical-call task: OPEN, OVERDUE (escalated) or DONE (read back). */
    record Notification(long resultId, String status, Instant detectedAt, Instant deadline, Instant completedAt,
                        String completedBy, List<Call> calls) {

        public Notification {
            calls = List.copyOf(calls);
        }

        public boolean done() {
            return "DONE".equals(status);
        }
    }

    /** One call attempt. {@code readBack} is null when the receiver was not reached. */
    record Call(Instant calledAt, String calledBy, String recipient, String contact, boolean reached,
                Boolean readBack, String note) {
    }
}
