package org.lavender.results.internal;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.StringJoiner;
import org.lavender.shared.InvalidInputException;

/**
 * The highest serum indices at which an analyte's result may still be released by autoverification (clinical
 * reference §5 rule 6), by kind; a kind without a limit is not checked. The limits come from the method's
 * interference data (vendor-specific, CLSI C56), so they are the analyzer's index units, never negative.
 */
record IndexLimits(Map<SerumIndex, BigDecimal> limits) {

    /** Higher than any vendor's index scale (hemolysis indices reach about 1000, lipemia a few thousand). */
    static final BigDecimal MAX = new BigDecimal("100000");
    static final int MAX_DECIMALS = 3;
    static final IndexLimits NONE = new IndexLimits(Map.of());

    IndexLimits {
        limits = limits.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(limits));
    }

    /** The limits as stored by kind letter (the rule tables' shape). */
    static IndexLimits of(Map<Character, BigDecimal> byKind) {
        var limits = new EnumMap<SerumIndex, BigDecimal>(SerumIndex.class);
        byKind.forEach((kind, max) -> limits.put(SerumIndex.valueOf(String.valueOf(kind)), max));
        return new IndexLimits(limits);
    }

    /**
     * The limits as typed (blank: no limit of that kind), all checked before any is kept: a limit is a plain
     * non-negative decimal number of at most {@value #MAX_DECIMALS} decimals, up to {@link #MAX}.
     */
    static IndexLimits parse(String hemolysis, String icterus, String lipemia) {
        var limits = new EnumMap<SerumIndex, BigDecimal>(SerumIndex.class);
        put(limits, SerumIndex.H, hemolysis);
        put(limits, SerumIndex.I, icterus);
        put(limits, SerumIndex.L, lipemia);
        return new IndexLimits(limits);
    }

    private static void put(Map<SerumIndex, BigDecimal> limits, SerumIndex kind, String text) {
        BigDecimal limit = limit(kind, text);
        if (limit != null) {
            limits.put(kind, limit);
        }
    }

    private static BigDecimal limit(SerumIndex kind, String text) {
        String t = text == null ? "" : text.strip();
        String field = kind.label();
        String label = Character.toUpperCase(field.charAt(0)) + field.substring(1) + " index limit";
        if (t.isEmpty()) {
            return null;
        }
        if (t.startsWith("-") && t.substring(1).matches("\\d+(\\.\\d+)?")) {
            throw new InvalidInputException(field, label + " must not be negative (" + shown(t) + ")");
        }
        if (!t.matches("\\d+(\\.\\d+)?")) {
            throw new InvalidInputException(field, label + ": '" + shown(t) + "' is not a number (digits and a"
                    + " decimal point, e.g. 50 or 12.5)");
        }
        int point = t.indexOf('.');
        if (point >= 0 && t.length() - point - 1 > MAX_DECIMALS) {
            throw new InvalidInputException(field, label + " may have at most " + MAX_DECIMALS + " decimals");
        }
        String whole = (point < 0 ? t : t.substring(0, point)).replaceFirst("^0+(?=\\d)", "");
        if (whole.length() > MAX.precision() || new BigDecimal(t).compareTo(MAX) > 0) {
            throw new InvalidInputException(field, label + " must be at most " + MAX.toPlainString()
                    + " (the analyzer's index units), not " + shown(t));
        }
        return new BigDecimal(t);
    }

    /** Hostile input is echoed short and printable. */
    static String shown(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.strip().replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 24 ? printable.substring(0, 24) + "…" : printable;
    }

    BigDecimal get(SerumIndex kind) {
        return limits.get(kind);
    }

    boolean isEmpty() {
        return limits.isEmpty();
    }

    /** "H ≤ 50, I –, L ≤ 1000" for the page and the audit trail; "none" without limits. */
    String text() {
        if (limits.isEmpty()) {
            return "none";
        }
        var joined = new StringJoiner(", ");
        for (SerumIndex kind : SerumIndex.values()) {
            BigDecimal max = limits.get(kind);
            joined.add(kind.name() + (max == null ? " –" : " ≤ " + max.stripTrailingZeros().toPlainString()));
        }
        return joined.toString();
    }

    /** The limit as a form shows it: blank when there is none. */
    String typed(SerumIndex kind) {
        BigDecimal max = limits.get(kind);
        return max == null ? "" : max.stripTrailingZeros().toPlainString();
    }
}
