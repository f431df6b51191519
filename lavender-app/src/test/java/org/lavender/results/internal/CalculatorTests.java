package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lavender.results.internal.CalculationInputs.Measurement;
import org.lavender.shared.Sex;

/** The worked numbers of clinical reference §1. */
class CalculatorTests {

    @Test
    void egfrCreatinineMatchesTheNkfCalculator() {
        assertThat(value(Calculator.EGFR_CKD_EPI_2021_CR, Sex.MALE, 55, "2160-0", "1.2", "mg/dL")).isEqualTo("71");
        assertThat(value(Calculator.EGFR_CKD_EPI_2021_CR, Sex.FEMALE, 52, "2160-0", "1.1", "mg/dL")).isEqualTo("60");
    }

    @Test
    void egfrConvertsSiCreatinine() {
        assertThat(value(Calculator.EGFR_CKD_EPI_2021_CR, Sex.MALE, 40, "2160-0", "80", "umol/L")).isEqualTo("110");
    }

    @Test
    void egfrIsRefusedForChildrenAndUnknownSex() {
        Calculation child = calc(Calculator.EGFR_CKD_EPI_2021_CR, Sex.MALE, 17, "2160-0", "0.6", "mg/dL");
        assertThat(child.value()).isNull();
        assertThat(child.refusal()).contains("age ≥ 18").contains("17 y");
        assertThat(calc(Calculator.EGFR_CKD_EPI_2021_CR, Sex.UNKNOWN, 50, "2160-0", "1.0", "mg/dL").refusal())
                .contains("sex");
        assertThat(value(Calculator.EGFR_CKD_EPI_2021_CR, Sex.MALE, 18, "2160-0", "1.0", "mg/dL")).isNotNull();
    }

    @Test
    void egfrCreatinineCystatin() {
        assertThat(value(Calculator.EGFR_CKD_EPI_2021_CR_CYS, Sex.MALE, 50, "2160-0", "1.0", "mg/dL",
                "33863-2", "1.0", "mg/L")).isEqualTo("88");
    }

    @Test
    void anionGapWithAndWithoutPotassium() {
        Object[] bmp = {"2951-2", "140", "mmol/L", "2075-0", "104", "mmol/L", "2028-9", "24", "mmol/L",
                "2823-3", "4.0", "mmol/L"};
        assertThat(value(Calculator.ANION_GAP, Sex.MALE, 40, bmp)).isEqualTo("12");
        assertThat(value(Calculator.ANION_GAP_K, Sex.MALE, 40, bmp)).isEqualTo("16");
    }

    @Test
    void correctedCalciumInConventionalAndSiUnits() {
        Calculation mass = calc(Calculator.CORRECTED_CALCIUM, Sex.FEMALE, 70, "17861-6", "8.0", "mg/dL",
                "1751-7", "2.5", "g/dL");
        assertThat(mass.value().toPlainString()).isEqualTo("9.2");
        assertThat(mass.unit()).isEqualTo("mg/dL");
        Calculation si = calc(Calculator.CORRECTED_CALCIUM, Sex.FEMALE, 70, "17861-6", "2.00", "mmol/L",
                "1751-7", "25", "g/L");
        assertThat(si.value().toPlainString()).isEqualTo("2.30");
        assertThat(si.unit()).isEqualTo("mmol/L");
    }

    @Test
    void ldlFriedewaldAndSampson() {
        Object[] lipids = {"2093-3", "200", "mg/dL", "2085-9", "50", "mg/dL", "2571-8", "150", "mg/dL"};
        assertThat(value(Calculator.LDL_FRIEDEWALD, Sex.MALE, 50, lipids)).isEqualTo("120");
        assertThat(value(Calculator.LDL_SAMPSON, Sex.MALE, 50, lipids)).isEqualTo("123");
        assertThat(value(Calculator.NON_HDL, Sex.MALE, 50, lipids)).isEqualTo("150");
    }

    @Test
    void friedewaldIsRefusedAboveTriglyceride400ButSampsonStillReports() {
        Object[] high = {"2093-3", "230", "mg/dL", "2085-9", "35", "mg/dL", "2571-8", "600", "mg/dL"};
        Calculation refused = calc(Calculator.LDL_FRIEDEWALD, Sex.MALE, 50, high);
        assertThat(refused.value()).isNull();
        assertThat(refused.refusal()).contains("triglyceride 600 mg/dL > 400 mg/dL").contains("directly");
        assertThat(value(Calculator.LDL_SAMPSON, Sex.MALE, 50, high)).isEqualTo("95");
        Object[] limit = {"2093-3", "230", "mg/dL", "2085-9", "35", "mg/dL", "2571-8", "400", "mg/dL"};
        assertThat(value(Calculator.LDL_FRIEDEWALD, Sex.MALE, 50, limit)).isEqualTo("115");
        Object[] veryHigh = {"2093-3", "230", "mg/dL", "2085-9", "35", "mg/dL", "2571-8", "801", "mg/dL"};
        assertThat(calc(Calculator.LDL_SAMPSON, Sex.MALE, 50, veryHigh).refusal()).contains("> 800 mg/dL");
    }

    @Test
    void osmolalityRatiosAndGlobulin() {
        assertThat(value(Calculator.OSMOLALITY, Sex.MALE, 50, "2951-2", "140", "mmol/L", "2345-7", "90", "mg/dL",
                "3094-0", "14", "mg/dL")).isEqualTo("290");
        assertThat(value(Calculator.AG_RATIO, Sex.MALE, 50, "2885-2", "7.0", "g/dL", "1751-7", "4.0", "g/dL"))
                .isEqualTo("1.3");
        assertThat(value(Calculator.GLOBULIN, Sex.MALE, 50, "2885-2", "7.0", "g/dL", "1751-7", "4.0", "g/dL"))
                .isEqualTo("3.0");
        assertThat(value(Calculator.BUN_CREATININE, Sex.MALE, 50, "3094-0", "20", "mg/dL", "2160-0", "1.0", "mg/dL"))
                .isEqualTo("20");
        assertThat(calc(Calculator.AG_RATIO, Sex.MALE, 50, "2885-2", "4.0", "g/dL", "1751-7", "4.0", "g/dL")
                .refusal()).contains("not greater than albumin");
    }

    @Test
    void onlyTheFinalOutputIsRoundedHalfUp() {
        // Na 140.5 − (Cl 104 + HCO3 24) = 12.5 → 13 (half-up), not 12 (half-even).
        assertThat(value(Calculator.ANION_GAP, Sex.MALE, 40, "2951-2", "140.5", "mmol/L", "2075-0", "104", "mmol/L",
                "2028-9", "24", "mmol/L")).isEqualTo("13");
    }

    @Test
    void comparatorAndUnconvertibleInputsAreRefusedWithTheReason() {
        CalculationInputs censored = new CalculationInputs(Map.of("2160-0",
                new Measurement(new BigDecimal("0.2"), "mg/dL", "<")), Sex.MALE, 40);
        assertThat(Calculator.EGFR_CKD_EPI_2021_CR.apply(censored).refusal())
                .contains("creatinine was reported as <0.2 mg/dL");
        assertThat(calc(Calculator.EGFR_CKD_EPI_2021_CR, Sex.MALE, 40, "2160-0", "1.0", "g").refusal())
                .contains("cannot be converted");
    }

    @Test
    void missingInputsMeanNotComputable() {
        CalculationInputs sodiumOnly = inputs(Sex.MALE, 40, "2951-2", "140", "mmol/L");
        assertThat(Calculator.ANION_GAP.computable(sodiumOnly)).isFalse();
        assertThat(Calculator.ANION_GAP.uses("2075-0")).isTrue();
        assertThat(Calculator.ANION_GAP.uses("2823-3")).isFalse();
    }

    private static String value(Calculator c, Sex sex, int age, Object... triples) {
        Calculation result = calc(c, sex, age, triples);
        assertThat(result.refusal()).isNull();
        return result.value().toPlainString();
    }

    private static Calculation calc(Calculator c, Sex sex, int age, Object... triples) {
        return c.apply(inputs(sex, age, triples));
    }

    private static CalculationInputs inputs(Sex sex, int age, Object... triples) {
        Map<String, Measurement> values = new LinkedHashMap<>();
        for (int i = 0; i < triples.length; i += 3) {
            values.put((String) triples[i], new Measurement(new BigDecimal((String) triples[i + 1]),
                    (String) triples[i + 2]));
        }
        return new CalculationInputs(values, sex, age);
    }
}
