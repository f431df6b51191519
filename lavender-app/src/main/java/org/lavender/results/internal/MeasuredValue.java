package org.lavender.results.internal;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

/**
 * A numeric result as reported: an optional comparator ("<0.05", ">500", "<=2") and a decimal number. Values
 * outside the measuring range are reported with a comparator and must be kept that way, not as plain numbers.
 */
record MeasuredValue(String comparator, BigDecimal number) {

    private static final Pattern SYNTAX = Pattern.compile("^\\s*(<=|>=|<|>)?\\s*([-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*$");
    private static final int MAX_LENGTH = 32;

    static MeasuredValue parse(String text, String testName) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("value", "Enter a value for " + testName);
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException("value", "The value for " + testName + " is too long to be a number");
        }
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            String hint = text.matches(".*\\d,\\d.*") ? " (use a decimal point, not a comma)" : "";
            throw new InvalidInputException("value",
                    "'" + text.strip() + "' is not a number" + hint + "; " + testName + " is a numeric test");
        }
        return new MeasuredValue(m.group(1), new BigDecimal(m.group(2)));
    }

    boolean exact() {
        return comparator == null;
    }

    /**
     * The flag for this value. For "<x" every true value lies below x, so a low flag at x holds for all of them and
     * "N" holds when x is still at or above the low limit; a high flag at x says nothing definite and the value
     * gets no automatic flag (a person judges it). Mirror rules for ">x".
     */
    Interpretation flag(ReferenceInterval interval) {
        Interpretation atBound = interval.flag(number);
        if (exact()) {
            return atBound;
        }
        boolean below = comparator.startsWith("<");
        return switch (atBound) {
            case L, LL -> below ? atBound : null;
            case H, HH -> below ? null : atBound;
            default -> {
                // "<x" with x inside the interval could still be below the low limit, unless there is none.
                if (below) {
                    yield interval.low() == null ? Interpretation.N : null;
                }
                yield interval.high() == null ? Interpretation.N : null;
            }
        };
    }

    /** The value as shown and sent: comparator and number exactly as reported. */
    String display() {
        return (comparator == null ? "" : comparator) + number.toPlainString();
    }
}
