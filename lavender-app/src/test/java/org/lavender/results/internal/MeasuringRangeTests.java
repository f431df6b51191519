package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

/** The AMR rule (clinical reference §5, rule 3) and the validation of per-test rule settings. */
class MeasuringRangeTests {

    private static final AutoverificationRules.Limits AMR =
            AutoverificationRules.Limits.measuringRange(new BigDecimal("0.5"), new BigDecimal("60"));

    @Test
    void aValueAboveTheAmrHoldsForDilutionAndOneBelowForRerun() {
        assertThat(reportable("75", AMR).passed()).isFalse();
        assertThat(reportable("75", AMR).detail()).isEqualTo("75 > AMR 0.5–60 mg/dL: dilute and rerun");
        assertThat(reportable("0.3", AMR).detail()).isEqualTo("0.3 < AMR 0.5–60 mg/dL: rerun, or report as <0.5");
        assertThat(reportable("60", AMR).passed()).isTrue();
        assertThat(reportable("0.5", AMR).detail()).isEqualTo("0.5 within AMR 0.5–60 mg/dL");
        assertThat(reportable("75", null).detail()).isEqualTo("75 is an exact value");
        assertThat(AutoverificationRules.Limits.measuringRange(null, null)).isNull();
    }

    @Test
    void theAmrReasonIsAmongTheHeldReasonsOfTheWholeRuleSet() {
        var outcomes = AutoverificationRules.evaluate(input("75", AMR));
        assertThat(AutoverificationRules.release(outcomes)).isFalse();
        assertThat(AutoverificationRules.heldReasons(outcomes)).contains("75 > AMR 0.5–60 mg/dL: dilute and rerun");
    }

    @Test
    void aHemolysisIndexAboveThePotassiumLimitHoldsTheResult() {
        // Potassium is hemolysis-sensitive (clinical reference §5 rule 6); limit H 50 from the method's data.
        var limits = java.util.Map.of('H', new BigDecimal("50"));
        assertThat(indices(limits, java.util.Map.of('H', new BigDecimal("120")), "4.8").detail())
                .isEqualTo("H-index 120 > 50: hemolysis interferes with potassium");
        assertThat(indices(limits, java.util.Map.of('H', new BigDecimal("50")), "4.8").passed()).isTrue();
        assertThat(indices(limits, java.util.Map.of('H', new BigDecimal("50")), "4.8").detail())
                .isEqualTo("H-index 50 ≤ 50");
        assertThat(indices(limits, java.util.Map.of(), "4.8").detail())
                .isEqualTo("H-index not measured on this specimen (limit 50 for potassium)");
        assertThat(indices(java.util.Map.of(), java.util.Map.of(), "4.8").detail())
                .isEqualTo("no serum index limits for this test");
        var both = indices(java.util.Map.of('H', new BigDecimal("50"), 'L', new BigDecimal("1000")),
                java.util.Map.of('H', new BigDecimal("10"), 'L', new BigDecimal("1500")), "4.8");
        assertThat(both.passed()).isFalse();
        assertThat(both.detail()).isEqualTo("L-index 1500 > 1000: lipemia interferes with potassium");
    }

    private static AutoverificationRules.Outcome indices(java.util.Map<Character, BigDecimal> limits,
                                                         java.util.Map<Character, BigDecimal> measured, String k) {
        LabResult r = new LabResult(1, 1, "261125-000001", 1, 1, 1, "K", "2823-3", "Potassium", "CHEM", k, null,
                new BigDecimal(k), "mmol/L", Interpretation.N, 7L, new BigDecimal("3.5"), new BigDecimal("5.1"),
                "3.5–5.1", ResultStatus.PRELIMINARY, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "tech", null, null,
                null, 1);
        return new AutoverificationRules.IndicesBelowLimits().evaluate(new AutoverificationRules.Input(r, "NUMERIC",
                null, new AnalyteQcStatus.Verdict(true, "QC ok"), null, null, Duration.ofHours(1), null, null, null,
                new AutoverificationRules.SerumIndices(limits, measured)));
    }

    @Test
    void ruleSettingsAreValidatedAsAWhole() {
        var ok = TestRuleSettings.parse(GLUCOSE, form("60", "200", "8", "0.5", "600", "", "", "ABSOLUTE", "50", "24"));
        assertThat(ok.text()).isEqualTo("limits 60–200; stability 8 h; AMR 0.5–600; possible –; delta ABSOLUTE 50 in 24 h");
        assertThat(TestRuleSettings.parse(GLUCOSE, form("", "", "", "", "", "", "", "NONE", "", "")).delta()).isNull();

        refused(form("200", "60", "", "", "", "", "", "", "", ""), "autoHigh");
        refused(form("0.1", "200", "", "0.5", "600", "", "", "", "", ""), "autoLow");
        refused(form("", "", "", "0.5", "600", "1", "", "", "", ""), "amrLow");
        refused(form("6O", "", "", "", "", "", "", "", "", ""), "autoLow");
        refused(form("", "", "", "1,5", "", "", "", "", "", ""), "amrLow");
        refused(form("", "", "0", "", "", "", "", "", "", ""), "stabilityHours");
        refused(form("", "", "-3", "", "", "", "", "", "", ""), "stabilityHours");
        refused(form("", "", "", "", "", "", "", "SOMETIMES", "1", "24"), "deltaMethod");
        refused(form("", "", "", "", "", "", "", "PERCENT", "0", "24"), "deltaLimit");
        refused(form("", "", "", "", "", "", "", "PERCENT", "50", ""), "deltaWindowHours");
        refused(form("", "", "", "", "", "", "", "PERCENT", "50", "1e3"), "deltaWindowHours");
        refused(form("'; delete from results.delta_rule; --", "", "", "", "", "", "", "", "", ""), "autoLow");
    }

    private static void refused(TestRuleSettings.Form f, String field) {
        assertThatThrownBy(() -> TestRuleSettings.parse(GLUCOSE, f)).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    private static TestRuleSettings.Form form(String... v) {
        return new TestRuleSettings.Form(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9]);
    }

    private static final TestDefinition GLUCOSE = new TestDefinition(1, "GLU", "2345-7", "Glucose", "CHEM",
            ResultType.NUMERIC, "mg/dL", 0, "serum", "GOLD", List.of(), List.of(), true);

    private static AutoverificationRules.Outcome reportable(String value, AutoverificationRules.Limits amr) {
        return new AutoverificationRules.Reportable().evaluate(input(value, amr));
    }

    private static AutoverificationRules.Input input(String value, AutoverificationRules.Limits amr) {
        LabResult r = new LabResult(1, 1, "261125-000001", 1, 1, 1, "GLU", "2345-7", "Glucose", "CHEM", value, null,
                new BigDecimal(value), "mg/dL", Interpretation.L, 7L, new BigDecimal(70), new BigDecimal(99), "70–99",
                ResultStatus.PRELIMINARY, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "tech", null, null, null, 1);
        return new AutoverificationRules.Input(r, "NUMERIC", null, new AnalyteQcStatus.Verdict(true, "QC ok"),
                AutoverificationRules.Limits.of(null, null, r.referenceLow(), r.referenceHigh()), null,
                Duration.ofHours(1), null, null, amr);
    }
}
