package org.lavender.protocols.astm;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A measurement value as text, and as a number when it is one. Censored values keep their comparator
 * ({@code <0.05}, {@code >8}); a decimal comma ({@code 5,64}, as Euroimmun sends) is read as a decimal point.
 */
public record ResultValue(String text, Optional<Comparator> comparator, Optional<BigDecimal> number) {

    private static final Pattern NUMERIC = Pattern.compile("(<=|>=|<|>)?\\s*([+-]?(?:\\d+(?:[.,]\\d*)?|[.,]\\d+))");

    /** The comparator of a censored value. */
    public enum Comparator {
        LESS_THAN("<"), LESS_OR_EQUAL("<="), GREATER_THAN(">"), GREATER_OR_EQUAL(">=");

        private final String symbol;

        Comparator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        static Comparator of(String symbol) {
            for (Comparator c : values()) {
                if (c.symbol.equals(symbol)) {
                    return c;
                }
            }
            throw new IllegalArgumentException(symbol);
        }
    }

    public static ResultValue parse(String raw) {
        String text = raw.trim();
        Matcher m = NUMERIC.matcher(text);
        if (!m.matches()) {
            return new ResultValue(text, Optional.empty(), Optional.empty());
        }
        Optional<Comparator> comparator = Optional.ofNullable(m.group(1)).map(Comparator::of);
        return new ResultValue(text, comparator, Optional.of(new BigDecimal(m.group(2).replace(',', '.'))));
    }

    public boolean isNumeric() {
        return number.isPresent();
    }

    /** True for a plain number without comparator. */
    public boolean isExact() {
        return number.isPresent() && comparator.isEmpty();
    }
}
