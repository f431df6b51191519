package org.lavender.results.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The outcome of one calculated test: a number rounded half-up to the reporting precision, or a refusal with the
 * reason (clinical reference §0: outside its validity a formula reports no number, only a comment).
 */
record Calculation(BigDecimal value, String refusal, String unit, String basis) {

    Calculation(BigDecimal value, String refusal, String unit) {
        this(value, refusal, unit, null);
    }

    /** The same outcome with the parameters it used ("thromboplastin lot X: ISI 1.2, MNPT 12 s"), for the audit. */
    Calculation basedOn(String parameters) {
        return new Calculation(value, refusal, unit, parameters);
    }

    static Calculation of(double unrounded, int decimals, String unit) {
        if (Double.isNaN(unrounded) || Double.isInfinite(unrounded)) {
            throw new IllegalArgumentException("Calculation produced " + unrounded);
        }
        return new Calculation(BigDecimal.valueOf(unrounded).setScale(decimals, RoundingMode.HALF_UP), null, unit);
    }

    static Calculation of(BigDecimal unrounded, int decimals, String unit) {
        return new Calculation(unrounded.setScale(decimals, RoundingMode.HALF_UP), null, unit);
    }

    static Calculation refused(String reason) {
        return new Calculation(null, reason, null);
    }

    boolean refused() {
        return refusal != null;
    }
}
