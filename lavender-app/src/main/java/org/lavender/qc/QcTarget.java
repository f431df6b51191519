package org.lavender.qc;

import java.math.BigDecimal;

/**
 * The mean and SD a lot's values are judged against, per test and analyzer (null analyzer: a manual method).
 * Source MANUFACTURER (the insert's values), PROVISIONAL (replaced by the lab's own after its first 20 values) or
 * LAB (established from those 20 values).
 */
public record QcTarget(long id, long lotId, String lotNumber, String level, String testCode, String analyzer,
                       String unit, BigDecimal mean, BigDecimal sd, String source) {

    /** Coefficient of variation in percent. */
    public double cvPercent() {
        return sd.doubleValue() / Math.abs(mean.doubleValue()) * 100;
    }
}
