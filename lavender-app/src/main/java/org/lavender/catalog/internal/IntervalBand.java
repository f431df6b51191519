package org.lavender.catalog.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.shared.Sex;

/**
 * One stored version of a reference interval band: test, sex ('M', 'F' or 'A' = any), age from (inclusive) to
 * (exclusive, null = open) in days, the period it is in effect (from inclusive, to exclusive), and the analyzer
 * whose method it belongs to (null: every method).
 */
public record IntervalBand(long id, long testId, String sex, int ageFromDays, Integer ageToDays, BigDecimal low,
                    BigDecimal high, BigDecimal criticalLow, BigDecimal criticalHigh, boolean criticalInclusive,
                    String unit, Instant effectiveFrom, Instant effectiveTo, Long supersededBy, String createdBy,
                    String reason, String endedBy, String endReason, String analyzer) {

    static final String ANY = "A";

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** 'M' or 'F' for a known sex; other and unknown sexes only match "any" bands. */
    static String sexCode(Sex sex) {
        if (sex == Sex.MALE) {
            return "M";
        }
        if (sex == Sex.FEMALE) {
            return "F";
        }
        return ANY;
    }

    boolean inEffectAt(Instant at) {
        return !effectiveFrom.isAfter(at) && (effectiveTo == null || effectiveTo.isAfter(at));
    }

    /** Still in effect now or later (not end-dated before {@code now}). */
    boolean current(Instant now) {
        return effectiveTo == null || effectiveTo.isAfter(now);
    }

    boolean covers(String patientSex, long ageDays) {
        return (sex.equals(ANY) || sex.equals(patientSex)) && ageDays >= ageFromDays
                && (ageToDays == null || ageDays < ageToDays);
    }

    /**
     * A band of one analyzer's method applies to results of that analyzer only (names compare ignoring case); a
     * band without an analyzer applies to every result.
     */
    boolean appliesTo(String resultAnalyzer) {
        return analyzer == null || analyzer.equalsIgnoreCase(resultAnalyzer);
    }

    /** Age band width in days; an open band is the widest. */
    long ageWidth() {
        return ageToDays == null ? Long.MAX_VALUE : (long) ageToDays - ageFromDays;
    }

    /**
     * Two bands of the same sex may be disjoint or nested (a paediatric band inside an all-ages band), but not
     * equal or partly overlapping: then no band is more specific and the choice would be arbitrary.
     */
    boolean clashesWith(String otherSex, int otherFrom, Integer otherTo, String otherAnalyzer) {
        boolean sameMethod = analyzer == null ? otherAnalyzer == null : analyzer.equalsIgnoreCase(otherAnalyzer);
        if (!sex.equals(otherSex) || !sameMethod) {
            return false;
        }
        long to = ageToDays == null ? Long.MAX_VALUE : ageToDays;
        long oTo = otherTo == null ? Long.MAX_VALUE : otherTo;
        boolean overlap = ageFromDays < oTo && otherFrom < to;
        if (!overlap) {
            return false;
        }
        boolean thisInsideOther = ageFromDays >= otherFrom && to <= oTo;
        boolean otherInsideThis = otherFrom >= ageFromDays && oTo <= to;
        boolean equal = thisInsideOther && otherInsideThis;
        return equal || !(thisInsideOther || otherInsideThis);
    }

    public ReferenceInterval toReferenceInterval() {
        return new ReferenceInterval(id, low, high, criticalLow, criticalHigh, criticalInclusive, unit);
    }

    public String sexLabel() {
        return switch (sex) {
            case "M" -> "male";
            case "F" -> "female";
            default -> "any";
        };
    }

    /** "0 d – 16 y" style description of the age band, as shown to the lab. */
    public String ageLabel() {
        return AgeBands.label(ageFromDays) + " – " + (ageToDays == null ? "" : AgeBands.label(ageToDays));
    }

    public String effectiveFromText(ZoneId zone) {
        return SHOWN.format(effectiveFrom.atZone(zone));
    }

    public String effectiveToText(ZoneId zone) {
        return effectiveTo == null ? "" : SHOWN.format(effectiveTo.atZone(zone));
    }

    /** "all methods" or the analyzer, as shown to the lab. */
    public String methodLabel() {
        return analyzer == null ? "all methods" : analyzer;
    }

    /** Human-readable summary for the audit trail. */
    String describe() {
        return (analyzer == null ? "" : "analyzer " + analyzer + ", ") + "sex " + sexLabel() + ", age "
                + ageFromDays + "–" + (ageToDays == null ? "open" : ageToDays)
                + " d, normal " + text(low) + "–" + text(high) + " " + unit + ", critical " + text(criticalLow)
                + "/" + text(criticalHigh) + (criticalInclusive ? " (inclusive)" : " (strict)");
    }

    private static String text(BigDecimal v) {
        return v == null ? "–" : v.toPlainString();
    }
}
