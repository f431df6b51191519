package org.lavender.qc;

import java.time.Instant;

/**
 * One control measurement to record: lot number, test, analyzer (null: a manual method), the value as measured,
 * its unit (blank: the target's unit) and when it was measured (null: now).
 */
public record QcEntry(String lotNumber, String testCode, String analyzer, String valueText, String unit,
                      Instant observedAt, String comment) {
}
