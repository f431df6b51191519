package org.lavender.qc;

import java.time.Instant;

/**
 * A QC run of a test on an analyzer (null: manual method) is acceptable so far (a 1-2s warning does not reject);
 * {@code endedLockout} when it ended a lockout together with a recorded corrective action.
 */
public record QcRunAccepted(long runId, String testCode, String analyzer, Instant startedAt, boolean warning,
                            boolean endedLockout) {
}
