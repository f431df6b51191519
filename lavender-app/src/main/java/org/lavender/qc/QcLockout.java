package org.lavender.qc;

import java.time.Instant;
import java.util.List;

/**
 * A test on an analyzer (null: manual method) out of control after a rejected run. Patient results measured from
 * {@code since} (the last accepted run before the rejection; null: no accepted run before it) are held from
 * autoverification; the lockout ends with an accepted run after the rejection plus a corrective action, and the
 * results measured from {@code since} until that run ({@code releasedRunAt}) are listed for review.
 */
public record QcLockout(long id, String testCode, String analyzer, Instant since, long rejectedRunId,
                        Instant rejectedAt, String detail, Instant releasedRunAt, Instant releasedAt,
                        List<CorrectiveAction> actions) {

    public QcLockout {
        actions = List.copyOf(actions);
    }

    public boolean open() {
        return releasedAt == null;
    }

    /** What was done about it, by whom; recorded by someone signed in. */
    public record CorrectiveAction(long id, String action, String performedBy, Instant recordedAt,
                                   String recordedBy) {
    }
}
