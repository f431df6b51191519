package org.lavender.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.shared.InvalidInputException;

class TemperatureTests {

    private static final TemperatureRange FRIDGE = new TemperatureRange(new BigDecimal("2"), new BigDecimal("8"));
    private static final TemperatureRange FREEZER = new TemperatureRange(new BigDecimal("-30"), new BigDecimal("-15"));

    @Test
    void theRangeIsInclusiveAtBothEnds() {
        assertThat(FRIDGE.contains(Temperature.parse("2.0", "Cel"))).isTrue();
        assertThat(FRIDGE.contains(Temperature.parse("8", "°C"))).isTrue();
        assertThat(FRIDGE.contains(Temperature.parse("8.01", "C"))).isFalse();
        assertThat(FRIDGE.contains(Temperature.parse("1.99", "Cel"))).isFalse();
        assertThat(FREEZER.contains(Temperature.parse("-20", "Cel"))).isTrue();
        assertThat(FREEZER.contains(Temperature.parse("−14.5", "Cel"))).as("typographic minus").isFalse();
    }

    @Test
    void fahrenheitReadingsAreJudgedInCelsius() {
        Temperature f = Temperature.parse("46.4", "°F");
        assertThat(f.celsius()).isEqualByComparingTo("8.00");
        assertThat(FRIDGE.contains(f)).isTrue();
        assertThat(FRIDGE.contains(Temperature.parse("46.5", "[degF]"))).isFalse();
        assertThat(Temperature.parse("-4", "F").celsius()).isEqualByComparingTo("-20.00");
        assertThat(f.text()).isEqualTo("46.4 °F");
    }

    @Test
    void aReadingWithoutAUnitIsRefused() {
        assertThatThrownBy(() -> Temperature.parse("5", null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("A temperature reading needs its unit (°C or °F)");
        assertThatThrownBy(() -> Temperature.parse("5", "  ")).isInstanceOf(InvalidInputException.class)
                .hasMessage("A temperature reading needs its unit (°C or °F)");
        assertThatThrownBy(() -> Temperature.parse("5", "K")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown temperature unit 'K'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"warm", "4.5.1", "1e3", "NaN", "Infinity", "0x10", "4;drop table x", "12345",
            "4.567", "--4", "<script>", "4 5"})
    void malformedValuesAreRefusedNotGuessed(String value) {
        assertThatThrownBy(() -> Temperature.parse(value, "Cel")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not a temperature");
    }

    @Test
    void impossibleReadingsAndEmptyValuesAreRefused() {
        assertThatThrownBy(() -> Temperature.parse("", "Cel")).hasMessage("Enter the temperature read");
        assertThatThrownBy(() -> Temperature.parse("-300", "Cel")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a possible reading");
        assertThatThrownBy(() -> Temperature.parse("9999", "°F")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a possible reading");
        String huge = "9".repeat(10_000);
        assertThatThrownBy(() -> Temperature.parse(huge, "Cel")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("…");
    }

    @Test
    void aRangeMustBeOrderedAndComplete() {
        assertThatThrownBy(() -> new TemperatureRange(new BigDecimal("8"), new BigDecimal("2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("must be below the highest");
        assertThatThrownBy(() -> new TemperatureRange(new BigDecimal("4"), new BigDecimal("4")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new TemperatureRange(null, new BigDecimal("8")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("both");
        assertThat(FRIDGE.text()).isEqualTo("2 to 8 °C");
    }
}
