package org.lavender.qc;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A recorded control value with what the Westgard rules said when it arrived: outcome ACCEPTED, WARNING (1-2s) or
 * REJECTED, each rule's verdict ({@code evaluation}, "not evaluable" where there were too few values), and the
 * violations with the values that caused them.
 */
public record QcValue(long id, long runId, String lotNumber, String level, String testCode, String analyzer,
                      BigDecimal value, String unit, BigDecimal mean, BigDecimal sd, double z, String outcome,
                      String evaluation, List<String> violations, Instant observedAt, String recordedBy,
                      String source) {

    public QcValue {
        violations = List.copyOf(violations);
    }

    public boolean rejected() {
        return "REJECTED".equals(outcome);
    }
}
