package org.lavender.qc;

import java.math.BigDecimal;

/** A target mean and SD for a lot on a test and analyzer (null or blank analyzer: a manual method). */
public record NewQcTarget(String lotNumber, String testCode, String analyzer, String unit, BigDecimal mean,
                          BigDecimal sd, String source) {
}
