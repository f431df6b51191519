package org.lavender.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.shared.InvalidInputException;

class UcumUnitsTests {

    @ParameterizedTest
    @ValueSource(strings = {"mmol/L", "mg/dL", "umol/L", "g/L", "10*3/uL", "10*6/uL", "{INR}", "mL/min/{1.73_m2}",
            "m[IU]/L", "%", "fL", "pg", "s", "U/L", "ng/L", "ng/mL{FEU}", "[pH]", "1", "{ratio}", "mm/h", "[IU]/mL"})
    void unitsOfTheStarterCatalogAreValid(String unit) {
        assertThat(UcumUnits.problem(unit)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MMOL/L", "mmolL", "units/litre", "x10^9/L", "mg//dL", "mg/", "10*3 /uL", " mmol/L",
            "mEq/l/x", "IU/L"})
    void nonUcumUnitsAreRefused(String unit) {
        assertThat(UcumUnits.problem(unit)).isNotNull().contains(unit.strip().isEmpty() ? "" : "Unit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"MMOL/L"})
    void theRefusalSaysWhatToUse(String unit) {
        assertThatThrownBy(() -> UcumUnits.require("unit", unit)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'MMOL/L' is not valid UCUM").hasMessageContaining("mmol/L");
    }
}
