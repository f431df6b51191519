package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lavender.shared.Sex;

/** INR = (PT / MNPT)^ISI, worked numbers of clinical reference §1. */
class InrCalculationTests {

    @Test
    void pt20WithMnpt12AndIsi1Gives1point7() {
        Calculation inr = Calculator.INR.apply(inputs("20.0", lot("1.00", "12.0")));
        assertThat(inr.value()).isEqualByComparingTo("1.7");
        assertThat(inr.unit()).isEqualTo("{INR}");
        assertThat(inr.basis()).isEqualTo("thromboplastin lot TPL-7 on ACL-1: ISI 1, MNPT 12 s");
    }

    @Test
    void theSamePtWithIsi1point2Gives1point8() {
        assertThat(Calculator.INR.apply(inputs("20.0", lot("1.20", "12.0"))).value()).isEqualByComparingTo("1.8");
    }

    @Test
    void aPtEqualToTheMeanNormalIsInr1WhateverTheIsi() {
        assertThat(Calculator.INR.apply(inputs("12.0", lot("1.85", "12.0"))).value()).isEqualByComparingTo("1.0");
    }

    @Test
    void withoutALotOrWithACensoredPtThereIsNoNumber() {
        Calculation none = Calculator.INR.apply(inputs("20.0", null));
        assertThat(none.refused()).isTrue();
        assertThat(none.refusal()).startsWith("INR not calculated: no thromboplastin lot");
        var censored = new CalculationInputs(Map.of("5902-2", new CalculationInputs.Measurement(new BigDecimal("120"),
                "s", ">")), Sex.FEMALE, 70, lot("1.00", "12.0"));
        assertThat(Calculator.INR.apply(censored).refusal()).contains("reported as >120 s, not an exact value");
        assertThat(Calculator.INR.apply(inputs("0", lot("1.00", "12.0"))).refusal()).contains("not positive");
    }

    @Test
    void inrUsesOnlyTheProthrombinTime() {
        assertThat(Calculator.INR.uses("5902-2")).isTrue();
        assertThat(Calculator.INR.inputLoincs()).containsExactly("5902-2");
    }

    private static CalculationInputs.Thromboplastin lot(String isi, String mnpt) {
        return new CalculationInputs.Thromboplastin(1, "TPL-7", "ACL-1", new BigDecimal(isi), new BigDecimal(mnpt));
    }

    private static CalculationInputs inputs(String pt, CalculationInputs.Thromboplastin lot) {
        return new CalculationInputs(Map.of("5902-2", new CalculationInputs.Measurement(new BigDecimal(pt), "s")),
                Sex.MALE, 60, lot);
    }
}
