package org.lavender.equipment;

import java.math.BigDecimal;
import org.lavender.shared.InvalidInputException;

/**
 * The acceptable range of a fridge, freezer or incubator in degrees Celsius, inclusive at both ends like every
 * range in Lavender (a reagent fridge is commonly 2–8 °C: 8.0 is in range, 8.1 is not).
 */
public record TemperatureRange(BigDecimal minCelsius, BigDecimal maxCelsius) {

    public TemperatureRange {
        if (minCelsius == null || maxCelsius == null) {
            throw new InvalidInputException("temperatureRange", "Give both the lowest and the highest acceptable "
                    + "temperature in °C");
        }
        if (minCelsius.compareTo(maxCelsius) >= 0) {
            throw new InvalidInputException("temperatureRange", "The lowest acceptable temperature ("
                    + minCelsius.toPlainString() + " °C) must be below the highest (" + maxCelsius.toPlainString()
                    + " °C)");
        }
        if (minCelsius.compareTo(Temperature.ABSOLUTE_ZERO) < 0 || maxCelsius.compareTo(Temperature.HOTTEST) > 0) {
            throw new InvalidInputException("temperatureRange", "An acceptable range lies between −273.15 and "
                    + Temperature.HOTTEST.toPlainString() + " °C");
        }
    }

    public boolean contains(Temperature reading) {
        BigDecimal c = reading.celsius();
        return c.compareTo(minCelsius) >= 0 && c.compareTo(maxCelsius) <= 0;
    }

    public String text() {
        return minCelsius.stripTrailingZeros().toPlainString() + " to " + maxCelsius.stripTrailingZeros().toPlainString()
                + " °C";
    }
}
