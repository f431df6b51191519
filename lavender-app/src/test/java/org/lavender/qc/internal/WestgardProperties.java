package org.lavender.qc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Properties of the Westgard evaluation that must hold for any series of control values. */
class WestgardProperties {

    private static final RuleSet ALL = RuleSet.parse("1-2s 1-3s 2-2s R-4s 4-1s 12x");

    private static List<QcPoint> series(List<Double> zs, int levels) {
        var points = new ArrayList<QcPoint>();
        for (int i = 0; i < zs.size(); i++) {
            points.add(new QcPoint(i + 1, i / levels + 1, i % levels + 1, "L" + (i % levels + 1), zs.get(i), zs.get(i)));
        }
        return points;
    }

    @Provide
    Arbitrary<List<Double>> zScores() {
        return Arbitraries.doubles().between(-5, 5).ofScale(2).list().ofMinSize(1).ofMaxSize(40);
    }

    /** nx counts values on one side of the mean at any distance, so it is the one rule a small value can trip. */
    private static final RuleSet BEYOND_SD_RULES = RuleSet.parse("1-2s 1-3s 2-2s R-4s 4-1s");

    @Property
    void aValueWithin1SdViolatesNoRuleThatCountsSds(@ForAll("zScores") List<Double> before,
                                              @ForAll @DoubleRange(min = -1, max = 1) double z,
                                              @ForAll @IntRange(min = 1, max = 3) int levels) {
        List<QcPoint> history = series(before, levels);
        QcPoint current = new QcPoint(999, before.size() / levels + 1, before.size() % levels + 1, "L", z, z);
        assertThat(BEYOND_SD_RULES.evaluate(history, current).violations()).isEmpty();
    }

    @Property
    void tooFewValuesAreNeverAPass(@ForAll @Size(max = 2) List<@DoubleRange(min = -5, max = 5) Double> before,
                                   @ForAll @DoubleRange(min = -5, max = 5) double z) {
        QcPoint current = new QcPoint(999, before.size() + 1, 1, "L", z, z);
        RuleSet.Evaluation e = ALL.evaluate(series(before, 1), current);
        assertThat(e.results().stream().filter(r -> r.rule().equals("4-1s") || r.rule().equals("12x")))
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RuleResult.Verdict.NOT_EVALUABLE));
        assertThat(e.results().stream().filter(r -> r.rule().equals("R-4s")))
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(RuleResult.Verdict.NOT_EVALUABLE));
    }

    @Property
    void theRulesAreSymmetricAboutTheMean(@ForAll("zScores") List<Double> zs,
                                          @ForAll @IntRange(min = 1, max = 3) int levels) {
        List<QcPoint> up = series(zs, levels);
        List<QcPoint> down = series(zs.stream().map(z -> -z).toList(), levels);
        QcPoint lastUp = up.get(up.size() - 1);
        QcPoint lastDown = down.get(down.size() - 1);
        var a = ALL.evaluate(up.subList(0, up.size() - 1), lastUp).results();
        var b = ALL.evaluate(down.subList(0, down.size() - 1), lastDown).results();
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).verdict()).as(a.get(i).rule()).isEqualTo(a.get(i).verdict());
        }
    }
}
