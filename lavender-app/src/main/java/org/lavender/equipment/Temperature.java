package org.lavender.equipment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import org.lavender.shared.InvalidInputException;

/**
 * A thermometer reading as written down: the number and its unit (UCUM {@code Cel} or {@code [degF]}; °C, C, °F and F
 * are accepted as typed). A reading without a unit is refused: 5 could be a fridge at 5 °C or a freezer fault at 5 °F.
 */
public record Temperature(BigDecimal value, Unit unit) {

    static final BigDecimal ABSOLUTE_ZERO = new BigDecimal("-273.15");
    static final BigDecimal HOTTEST = new BigDecimal("200");

    public enum Unit {
        CELSIUS("Cel", "°C"), FAHRENHEIT("[degF]", "°F");

        private final String ucum;
        private final String symbol;

        Unit(String ucum, String symbol) {
            this.ucum = ucum;
            this.symbol = symbol;
        }

        public String ucum() {
            return ucum;
        }

        public String symbol() {
            return symbol;
        }

        public static Unit parse(String text) {
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("unit", "A temperature reading needs its unit (°C or °F)");
            }
            return switch (text.strip().toUpperCase(Locale.ROOT)) {
                case "CEL", "°C", "C", "DEGC", "CELSIUS" -> CELSIUS;
                case "[DEGF]", "°F", "F", "DEGF", "FAHRENHEIT" -> FAHRENHEIT;
                default -> throw new InvalidInputException("unit", "Unknown temperature unit '" + clip(text)
                        + "'; use °C (Cel) or °F ([degF])");
            };
        }
    }

    public Temperature {
        if (value == null || unit == null) {
            throw new InvalidInputException("value", "A temperature reading needs a value and a unit");
        }
        if (value.scale() > 2 || value.precision() - value.scale() > 4) {
            throw new InvalidInputException("value", "A temperature is written with at most 4 digits before and "
                    + "2 after the decimal point");
        }
        BigDecimal c = toCelsius(value, unit);
        if (c.compareTo(ABSOLUTE_ZERO) < 0 || c.compareTo(HOTTEST) > 0) {
            throw new InvalidInputException("value", value.toPlainString() + " " + unit.symbol()
                    + " is not a possible reading of lab equipment");
        }
    }

    /** Parses what a person typed; every refusal names what was wrong. */
    public static Temperature parse(String value, String unit) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException("value", "Enter the temperature read");
        }
        Unit u = Unit.parse(unit);
        String v = value.strip().replace('−', '-').replace(',', '.');
        if (!v.matches("[+-]?\\d{1,4}(\\.\\d{1,2})?")) {
            throw new InvalidInputException("value", "'" + clip(value) + "' is not a temperature (e.g. 4.5 or -20)");
        }
        return new Temperature(new BigDecimal(v), u);
    }

    public BigDecimal celsius() {
        return toCelsius(value, unit);
    }

    public String text() {
        return value.toPlainString() + " " + unit.symbol();
    }

    private static BigDecimal toCelsius(BigDecimal value, Unit unit) {
        return unit == Unit.CELSIUS ? value
                : value.subtract(BigDecimal.valueOf(32)).multiply(BigDecimal.valueOf(5))
                        .divide(BigDecimal.valueOf(9), 2, RoundingMode.HALF_UP);
    }

    static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
