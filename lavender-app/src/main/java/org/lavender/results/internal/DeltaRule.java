package org.lavender.results.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * A delta check (CLSI EP33): the change from the patient's previous result of the same test, as an absolute
 * difference, a percentage of the previous value, or a rate per day. A previous result collected longer ago than
 * the window is not compared. The check fires only when |change| &gt; limit; a change equal to the limit passes.
 */
record DeltaRule(String testCode, Method method, BigDecimal limit, int windowHours) {

    enum Method { ABSOLUTE, PERCENT, RATE_PER_DAY }

    /** A value to compare: the number as reported (a "<x" value has no exact number) and its collection time. */
    record Point(BigDecimal value, String comparator, String unit, Instant collectedAt) {
    }

    /** Whether the check ran, whether it fired, and the sentence the technologist reads. */
    record Outcome(boolean evaluated, boolean failed, String text) {

        static Outcome notEvaluated(String why) {
            return new Outcome(false, false, why);
        }
    }

    Outcome check(String analyte, Point current, Point previous) {
        if (previous == null) {
            return Outcome.notEvaluated("delta " + analyte + ": no previous result within " + window());
        }
        if (current.collectedAt() == null || previous.collectedAt() == null) {
            return Outcome.notEvaluated("delta " + analyte + ": collection time unknown");
        }
        Duration apart = Duration.between(previous.collectedAt(), current.collectedAt());
        if (apart.isNegative() || apart.toMinutes() > windowHours * 60L) {
            return Outcome.notEvaluated("delta " + analyte + ": previous result " + elapsed(apart.abs())
                    + " before, outside the " + window() + " window");
        }
        if (current.comparator() != null || previous.comparator() != null || current.value() == null
                || previous.value() == null) {
            return Outcome.notEvaluated("delta " + analyte + ": not evaluated, a value is not exact");
        }
        if (current.unit() != null && previous.unit() != null && !current.unit().equals(previous.unit())) {
            return Outcome.notEvaluated("delta " + analyte + ": not evaluated, previous result in " + previous.unit()
                    + ", current in " + current.unit());
        }
        BigDecimal difference = current.value().subtract(previous.value());
        BigDecimal change;
        String unit;
        switch (method) {
            case ABSOLUTE -> {
                change = difference;
                unit = current.unit() == null ? "" : " " + current.unit();
            }
            case PERCENT -> {
                if (previous.value().signum() == 0) {
                    return Outcome.notEvaluated("delta " + analyte + ": not evaluated, previous value is 0");
                }
                change = difference.multiply(BigDecimal.valueOf(100)).divide(previous.value(), MathContext.DECIMAL64);
                unit = " %";
            }
            case RATE_PER_DAY -> {
                if (apart.isZero()) {
                    return Outcome.notEvaluated("delta " + analyte + ": not evaluated, same collection time");
                }
                BigDecimal days = BigDecimal.valueOf(apart.toSeconds()).divide(BigDecimal.valueOf(86_400),
                        MathContext.DECIMAL64);
                change = difference.divide(days, MathContext.DECIMAL64);
                unit = (current.unit() == null ? "" : " " + current.unit()) + "/d";
            }
            default -> throw new IllegalStateException(method.name());
        }
        boolean fired = change.abs().compareTo(limit) > 0;
        String text = "delta " + analyte + " " + signed(change) + unit + " in " + elapsed(apart) + " "
                + (fired ? ">" : "≤") + " " + limit.stripTrailingZeros().toPlainString() + unit
                + " (previous " + previous.value().toPlainString() + ")";
        return new Outcome(true, fired, text);
    }

    private String window() {
        return elapsed(Duration.ofHours(windowHours));
    }

    /** Hours up to two days, then days ("30 h", "2 d", "2.5 d"). */
    static String elapsed(Duration d) {
        long minutes = d.toMinutes();
        if (minutes < 48 * 60) {
            return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 0, RoundingMode.HALF_UP) + " h";
        }
        return BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(1440), 1, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString() + " d";
    }

    private static String signed(BigDecimal change) {
        BigDecimal shown = change.setScale(1, RoundingMode.HALF_UP).stripTrailingZeros();
        if (shown.scale() < 0) {
            shown = shown.setScale(0);
        }
        return (change.signum() >= 0 ? "+" : "") + shown.toPlainString();
    }
}
