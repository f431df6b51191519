package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;

/** Clinical reference §5: every rule evaluated, every failure recorded, release only when all pass. */
class AutoverificationRulesTests {

    private static final AnalyteQcStatus.Verdict QC_OK =
            new AnalyteQcStatus.Verdict(true, "QC: not monitored (no qc module) — treated as in control");
    private static final BigDecimal REF_LOW = new BigDecimal("3.5");
    private static final BigDecimal REF_HIGH = new BigDecimal("5.1");

    @Test
    void aCleanPotassiumPassesEveryRule() {
        List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(input(potassium("4.2", null,
                Interpretation.N, null), null, QC_OK, null, null));
        assertThat(outcomes).hasSize(10).allMatch(AutoverificationRules.Outcome::passed);
        assertThat(outcomes.get(1).detail()).contains("not monitored").contains("treated as in control");
        assertThat(outcomes.get(4).detail()).isEqualTo("4.2 within 2.7–5.9 mmol/L (reference interval ± half its width)");
        assertThat(AutoverificationRules.release(outcomes)).isTrue();
    }

    @Test
    void allFailuresAreRecordedNotOnlyTheFirst() {
        DeltaRule.Outcome delta = new DeltaRule.Outcome(true, true, "delta potassium +2.6 mmol/L in 10 h > 1 mmol/L");
        List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(input(potassium("6.8", null,
                Interpretation.HH, "hemolysed?"), "H", new AnalyteQcStatus.Verdict(false, "QC rejected 2-2s"), delta, null));
        assertThat(outcomes).filteredOn(o -> !o.passed()).extracting(AutoverificationRules.Outcome::rule)
                .containsExactly("instrument flags", "QC", "critical", "limits", "delta", "comment");
        String reasons = AutoverificationRules.heldReasons(outcomes);
        assertThat(reasons).contains("instrument flags H").contains("QC rejected 2-2s").contains("critical HH")
                .contains("outside autoverification limits 2.7–5.9").contains("delta potassium +2.6")
                .contains("comment to review: hemolysed?");
        assertThat(AutoverificationRules.release(outcomes)).isFalse();
    }

    @Test
    void limitsAreInclusiveAndLabLimitsWin() {
        assertThat(rule(new AutoverificationRules.WithinLimits(), input(potassium("5.9", null, Interpretation.H, null),
                null, QC_OK, null, null)).passed()).isTrue();
        assertThat(rule(new AutoverificationRules.WithinLimits(), input(potassium("5.91", null, Interpretation.H, null),
                null, QC_OK, null, null)).passed()).isFalse();
        var lab = AutoverificationRules.Limits.of(new BigDecimal("3.0"), new BigDecimal("5.5"), REF_LOW, REF_HIGH);
        var in = new AutoverificationRules.Input(potassium("5.6", null, Interpretation.H, null), "NUMERIC", null, QC_OK,
                lab, null, null, null, null);
        assertThat(rule(new AutoverificationRules.WithinLimits(), in).detail()).contains("outside autoverification limits 3–5.5");
    }

    @Test
    void withoutATwoSidedIntervalOnlyNormalValuesPass() {
        var egfrNormal = new AutoverificationRules.Input(egfr("95", Interpretation.N), "NUMERIC", null, QC_OK,
                null, null, null, null, List.of());
        assertThat(rule(new AutoverificationRules.WithinLimits(), egfrNormal).passed()).isTrue();
        var egfrLow = new AutoverificationRules.Input(egfr("45", Interpretation.L), "NUMERIC", null, QC_OK,
                null, null, null, null, List.of("creatinine"));
        assertThat(rule(new AutoverificationRules.WithinLimits(), egfrLow).detail()).contains("flagged L");
        assertThat(rule(new AutoverificationRules.InputsReleased(), egfrLow).detail())
                .isEqualTo("inputs not released: creatinine");
    }

    @Test
    void comparatorValuesAreOutsideTheMeasuringRange() {
        var censored = input(potassium(">10.0", ">", null, null), null, QC_OK, null, null);
        assertThat(rule(new AutoverificationRules.Reportable(), censored).detail()).contains("dilute or repeat");
    }

    @Test
    void specimenOlderThanItsStabilityIsHeld() {
        var old = new AutoverificationRules.Input(potassium("4.2", null, Interpretation.N, null), "NUMERIC", null,
                QC_OK, null, null, Duration.ofHours(9), 8, null);
        assertThat(rule(new AutoverificationRules.SpecimenAge(), old).detail()).isEqualTo("specimen 9 h old > stability 8 h");
        var fresh = new AutoverificationRules.Input(potassium("4.2", null, Interpretation.N, null), "NUMERIC", null,
                QC_OK, null, null, Duration.ofHours(8), 8, null);
        assertThat(rule(new AutoverificationRules.SpecimenAge(), fresh).passed()).isTrue();
    }

    @Test
    void codedAndTextResults() {
        LabResult positive = new LabResult(2, 1, "A", 1, 1, 1, "UNIT", "5802-4", "Nitrite", "UA", "positive", null,
                null, null, Interpretation.A, null, null, null, null, ResultStatus.PRELIMINARY, null, Instant.EPOCH,
                null, null, null, null, null, 1);
        var coded = new AutoverificationRules.Input(positive, "CODED", null, QC_OK, null, null, null, null, null);
        assertThat(rule(new AutoverificationRules.WithinLimits(), coded).detail()).isEqualTo("abnormal answer positive");
        var text = new AutoverificationRules.Input(positive, "TEXT", null, QC_OK, null, null, null, null, null);
        assertThat(rule(new AutoverificationRules.Reportable(), text).passed()).isFalse();
    }

    private static AutoverificationRules.Outcome rule(AutoverificationRules.Rule rule, AutoverificationRules.Input in) {
        return rule.evaluate(in);
    }

    private static AutoverificationRules.Input input(LabResult r, String flags, AnalyteQcStatus.Verdict qc,
                                                     DeltaRule.Outcome delta, Integer stability) {
        return new AutoverificationRules.Input(r, "NUMERIC", flags, qc,
                AutoverificationRules.Limits.of(null, null, r.referenceLow(), r.referenceHigh()), delta,
                Duration.ofHours(1), stability, null);
    }

    private static LabResult potassium(String text, String comparator, Interpretation flag, String comment) {
        BigDecimal number = new BigDecimal(comparator == null ? text : text.substring(comparator.length()));
        return new LabResult(1, 1, "261125-000001", 1, 1, 1, "K", "2823-3", "Potassium", "CHEM", text, comparator,
                number, "mmol/L", flag, 7L, REF_LOW, REF_HIGH, "3.5–5.1", ResultStatus.PRELIMINARY, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, "tech", null, null, comment, 1);
    }

    private static LabResult egfr(String text, Interpretation flag) {
        return new LabResult(3, 1, "261125-000001", 1, 1, 1, "EGFR", "98979-8", "eGFR", "CHEM", text, null,
                new BigDecimal(text), "mL/min/{1.73_m2}", flag, 9L, new BigDecimal(60), null, "≥60",
                ResultStatus.PRELIMINARY, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "calculation", null, null,
                null, 1);
    }
}
