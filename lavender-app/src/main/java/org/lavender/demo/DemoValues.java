package org.lavender.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.lavender.catalog.TestDefinition;

/**
 * Plausible demo values. A patient's analyte sits at a level of its own that changes little between draws (a
 * within-subject variation of about ±1 %), as in real patients, so delta checks fire on real changes only; which
 * patients are abnormal is part of that level. Tests without a reference interval in the starter catalog take their
 * range from the demo lab's autoverification limits ({@code lavender.results.autoverification.default-limits}),
 * narrowed to its middle, instead of an arbitrary 1–2.
 */
final class DemoValues {

    /** Where a patient's level falls: share of patients critical high, above and below the interval (in %). */
    record Mix(int criticalPercent, int highPercent, int lowPercent) {
    }

    private final Map<String, double[]> limits;

    private DemoValues(Map<String, double[]> limits) {
        this.limits = limits;
    }

    /** "RBC 3.0-6.5, MCH 24-36" → per test code the low and high limit. */
    static DemoValues of(String defaultLimits) {
        Map<String, double[]> map = new LinkedHashMap<>();
        Arrays.stream(defaultLimits.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(entry -> {
            String[] codeAndRange = entry.split("\\s+");
            String[] range = codeAndRange[1].split("-");
            map.put(codeAndRange[0], new double[] {Double.parseDouble(range[0]), Double.parseDouble(range[1])});
        });
        return new DemoValues(map);
    }

    /**
     * A value for the patient's level of the test: {@code low}/{@code high} are the patient's reference limits (null
     * when the catalog has none), {@code criticalHigh} the upper critical limit if any.
     */
    String value(long patientId, TestDefinition test, BigDecimal low, BigDecimal high, BigDecimal criticalHigh,
                 Mix mix, Random noise) {
        double lo;
        double hi;
        if (low != null && high != null) {
            lo = low.doubleValue();
            hi = high.doubleValue();
        } else if (limits.containsKey(test.code())) {
            double[] l = limits.get(test.code());
            double margin = (l[1] - l[0]) * 0.2;
            lo = l[0] + margin;
            hi = l[1] - margin;
        } else {
            hi = high != null ? high.doubleValue() : low != null ? low.doubleValue() * 2 : 10;
            lo = low != null ? low.doubleValue() : hi / 4;
        }
        double span = hi - lo;
        Random level = new Random(patientId * 1_000_003L + test.code().hashCode());
        int dice = level.nextInt(100);
        double v;
        if (dice < mix.criticalPercent() && criticalHigh != null) {
            v = criticalHigh.doubleValue() + span * 0.2;
        } else if (dice < mix.criticalPercent() + mix.highPercent()) {
            v = hi + span * (0.05 + level.nextDouble() * 0.3);
        } else if (dice < mix.criticalPercent() + mix.highPercent() + mix.lowPercent()) {
            v = Math.max(lo - span * (0.05 + level.nextDouble() * 0.3), lo * 0.5);
        } else {
            v = lo + span * (0.1 + level.nextDouble() * 0.8);
        }
        v *= 1 + (noise.nextDouble() - 0.5) * 0.02;
        int decimals = test.decimals() == null ? 1 : test.decimals();
        return BigDecimal.valueOf(Math.max(v, 0)).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }
}
