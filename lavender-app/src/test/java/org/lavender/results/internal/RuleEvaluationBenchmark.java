package org.lavender.results.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;
import org.lavender.shared.Sex;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Rule evaluation per result, without the database: parse the value, flag it against the interval, delta check
 * against a previous value, autoverification rule set (with AMR), and for every fourth result a calculated test
 * (eGFR CKD-EPI 2021 and anion gap, as a basic metabolic panel brings one creatinine and one electrolyte set per
 * eight results). Target ≥ 20,000 results/s on 2 cores. Run on demand:
 * {@code ./mvnw -B -Pjmh -pl lavender-app test -Djmh.args='RuleEvaluation -f 1 -wi 5 -w 3s -i 5 -r 3s -t 2'}
 * (warm-up matters: the first seconds run interpreted).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class RuleEvaluationBenchmark {

    private static final String[] VALUES = {"4.2", "3.4", "5.3", "6.8", "4.0", "<2.0", "4.9", "3.9"};
    private static final Instant COLLECTED = Instant.parse("2026-11-25T08:00:00Z");

    private ReferenceInterval potassium;
    private DeltaRule delta;
    private DeltaRule.Point previous;
    private AutoverificationRules.Limits amr;
    private AnalyteQcStatus.Verdict qc;
    private CalculationInputs panel;
    private int next;

    @Setup
    public void setUp() {
        potassium = new ReferenceInterval(7L, new BigDecimal("3.5"), new BigDecimal("5.1"), new BigDecimal("2.8"),
                new BigDecimal("6.2"), false, "mmol/L");
        delta = new DeltaRule("K", DeltaRule.Method.ABSOLUTE, new BigDecimal("1.0"), 24);
        previous = new DeltaRule.Point(new BigDecimal("4.1"), null, "mmol/L", COLLECTED.minus(Duration.ofHours(20)));
        amr = AutoverificationRules.Limits.measuringRange(new BigDecimal("1.0"), new BigDecimal("10.0"));
        qc = new AnalyteQcStatus.Verdict(true, "QC in control");
        panel = new CalculationInputs(Map.of(
                "2160-0", new CalculationInputs.Measurement(new BigDecimal("1.2"), "mg/dL"),
                "2951-2", new CalculationInputs.Measurement(new BigDecimal("140"), "mmol/L"),
                "2075-0", new CalculationInputs.Measurement(new BigDecimal("104"), "mmol/L"),
                "2028-9", new CalculationInputs.Measurement(new BigDecimal("24"), "mmol/L")), Sex.MALE, 55);
    }

    /** One result through flags, delta and autoverification; a calculation pair every fourth result. */
    @Benchmark
    public Object evaluateOneResult() {
        int i = next++ & 7;
        MeasuredValue value = MeasuredValue.parse(VALUES[i], "Potassium");
        Interpretation flag = value.flag(potassium);
        LabResult r = new LabResult(i, 1, "261125-000001", 1, 1, 1, "K", "2823-3", "Potassium", "CHEM",
                value.display(), value.comparator(), value.number(), "mmol/L", flag, 7L, potassium.low(),
                potassium.high(), "3.5–5.1", ResultStatus.PRELIMINARY, COLLECTED, COLLECTED, COLLECTED, "tech", null,
                null, null, 1);
        DeltaRule.Outcome d = delta.check("potassium", new DeltaRule.Point(value.number(), value.comparator(),
                "mmol/L", COLLECTED), previous);
        List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(new AutoverificationRules.Input(
                r, "NUMERIC", null, qc, AutoverificationRules.Limits.of(null, null, potassium.low(), potassium.high()),
                d, Duration.ofHours(1), 8, null, amr));
        if ((i & 3) == 0) {
            Calculation egfr = Calculator.EGFR_CKD_EPI_2021_CR.apply(panel);
            Calculation gap = Calculator.ANION_GAP.apply(panel);
            return AutoverificationRules.release(outcomes) ? egfr : gap;
        }
        return AutoverificationRules.heldReasons(outcomes);
    }
}
