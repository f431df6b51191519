package org.lavender.qc;

import java.time.Instant;

/**
 * A QC run of a test on an analyzer (null: manual method) was rejected by a Westgard rule: the test is out of
 * control there until an accepted run and a corrective action.
 */
public record QcRunRejected(long runId, String testCode, String analyzer, Instant startedAt, String rules,
                            String detail) {
}
