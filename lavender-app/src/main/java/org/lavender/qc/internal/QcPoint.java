package org.lavender.qc.internal;

import java.util.Locale;

/**
 * One control value as the Westgard rules see it: the run it belongs to, the lot (one lot is one level of a
 * control material), the value and its z-score (value − mean) / SD against the lot's target.
 */
record QcPoint(long id, long runId, long lotId, String lot, double value, double z) {

    /** "DEMO-CHEM-1 4.25 (+2.50 SD)", as a violation names the values that caused it. */
    String describe() {
        return lot + " " + stripZeros(value) + " (" + String.format(Locale.ROOT, "%+.2f", z) + " SD)";
    }

    private static String stripZeros(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
