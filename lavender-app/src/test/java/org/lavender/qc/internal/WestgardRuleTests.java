package org.lavender.qc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.qc.internal.RuleResult.Verdict;
import org.lavender.qc.internal.RuleSet.Evaluation.Outcome;
import org.lavender.shared.InvalidInputException;

/**
 * Each Westgard rule on the worked numbers of docs/clinical-reference.md §6 (glucose control, mean 5.005, SD 0.058
 * mmol/L) and on sequences built from the rule definitions there, including the cases with too few values.
 */
class WestgardRuleTests {

    private static final double MEAN = 5.005;
    private static final double SD = 0.058;
    private static final long LEVEL_1 = 1;
    private static final long LEVEL_2 = 2;

    private final List<QcPoint> series = new ArrayList<>();
    private long nextId = 1;

    /** Adds a value of a level in a run; returns the evaluation made when it arrived. */
    private RuleSet.Evaluation add(RuleSet rules, long run, long level, double z) {
        QcPoint p = new QcPoint(nextId++, run, level, "LOT-" + level, MEAN + z * SD, z);
        RuleSet.Evaluation e = rules.evaluate(List.copyOf(series), p);
        series.add(p);
        return e;
    }

    private static RuleResult rule(RuleSet.Evaluation e, String code) {
        return e.results().stream().filter(r -> r.rule().equals(code)).findFirst().orElseThrow();
    }

    private static final RuleSet ALL = RuleSet.parse("1-2s 1-3s 2-2s R-4s 4-1s 10x");

    @Test
    void theWorkedGlucoseExampleGivesMeanSdAndCv() {
        double[] values = {5.02, 4.95, 5.10, 4.98, 5.05, 4.90, 5.00, 5.08, 4.97, 5.03, 4.93, 5.06, 5.01, 4.99, 5.12,
                4.96, 5.04, 4.94, 5.00, 4.97};
        Statistics s = Statistics.of(values);
        assertThat(s.n()).isEqualTo(20);
        assertThat(s.mean()).isCloseTo(5.005, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(s.sd()).isCloseTo(0.058, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(s.cvPercent()).isCloseTo(1.16, org.assertj.core.data.Offset.offset(0.01));
        assertThat(s.biasPercent(5.0)).isCloseTo(0.1, org.assertj.core.data.Offset.offset(0.001));
        // ±1/2/3 SD limits of the example
        assertThat(MEAN - SD).isCloseTo(4.947, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(MEAN + 2 * SD).isCloseTo(5.121, org.assertj.core.data.Offset.offset(0.0005));
        assertThat(MEAN - 3 * SD).isCloseTo(4.831, org.assertj.core.data.Offset.offset(0.0015));
    }

    @Test
    void oneThreeS_theNextValue531IsRejected() {
        double z = (5.31 - MEAN) / SD;
        assertThat(z).isCloseTo(5.26, org.assertj.core.data.Offset.offset(0.01));
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_1, z);
        assertThat(rule(e, "1-3s").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(e, "1-3s").detail()).contains("LOT-1 5.31").contains("+5.26 SD").contains("beyond 3 SD");
        assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(e.rejectedBy()).isEqualTo("1-3s");
    }

    @Test
    void oneTwoS_onlyWarns() {
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_1, 2.4);
        assertThat(rule(e, "1-2s").verdict()).isEqualTo(Verdict.WARNING);
        assertThat(rule(e, "1-3s").verdict()).isEqualTo(Verdict.PASS);
        assertThat(e.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(e.rejectedBy()).isEmpty();
    }

    @Test
    void limitsAreStrict_exactly2SdIsNotBeyond() {
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_1, 2.0);
        assertThat(rule(e, "1-2s").verdict()).isEqualTo(Verdict.PASS);
        assertThat(e.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void theFirstValueEverLeavesTheMultiValueRulesNotEvaluable() {
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_1, 0.3);
        assertThat(rule(e, "1-2s").verdict()).isEqualTo(Verdict.PASS);
        assertThat(rule(e, "1-3s").verdict()).isEqualTo(Verdict.PASS);
        for (String code : List.of("2-2s", "R-4s", "4-1s", "10x")) {
            assertThat(rule(e, code).verdict()).as(code).isEqualTo(Verdict.NOT_EVALUABLE);
        }
        assertThat(rule(e, "4-1s").summary()).isEqualTo("4-1s not evaluable (1 value(s): needs 4)");
        assertThat(e.outcome()).isEqualTo(Outcome.ACCEPTED);
    }

    @Test
    void twoTwoS_withinTheRunAcrossLevels() {
        add(ALL, 1, LEVEL_1, 2.5);
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_2, 2.33);
        RuleResult r = rule(e, "2-2s");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.detail()).contains("within the run").contains("LOT-1").contains("LOT-2");
        assertThat(r.cause()).extracting(QcPoint::id).containsExactly(1L, 2L);
        assertThat(rule(e, "R-4s").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void twoTwoS_acrossConsecutiveRunsOfOneLevel() {
        add(ALL, 1, LEVEL_1, -2.2);
        RuleSet.Evaluation e = add(ALL, 2, LEVEL_1, -2.6);
        assertThat(rule(e, "2-2s").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(e, "2-2s").detail()).contains("consecutive runs").contains("−2 SD");
    }

    @Test
    void twoTwoS_needsTheSameSide() {
        add(ALL, 1, LEVEL_1, 2.2);
        RuleSet.Evaluation e = add(ALL, 2, LEVEL_1, -2.6);
        assertThat(rule(e, "2-2s").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void twoTwoS_aDifferentLevelInAnEarlierRunIsNotConsecutive() {
        add(ALL, 1, LEVEL_2, 2.2);
        RuleSet.Evaluation e = add(ALL, 2, LEVEL_1, 2.6);
        assertThat(rule(e, "2-2s").verdict()).isEqualTo(Verdict.NOT_EVALUABLE);
        assertThat(e.outcome()).isEqualTo(Outcome.WARNING);
    }

    @Test
    void rangeFourS_withinTheRun() {
        add(ALL, 1, LEVEL_1, 2.1);
        RuleSet.Evaluation e = add(ALL, 1, LEVEL_2, -2.2);
        RuleResult r = rule(e, "R-4s");
        assertThat(r.verdict()).isEqualTo(Verdict.REJECT);
        assertThat(r.detail()).contains("same run").contains("range 4.30 SD");
        assertThat(rule(e, "2-2s").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void rangeFourS_isNeverAppliedAcrossRuns_twoWarnings() {
        RuleSet.Evaluation first = add(ALL, 1, LEVEL_1, 2.3);
        RuleSet.Evaluation second = add(ALL, 2, LEVEL_1, -2.3);
        assertThat(first.outcome()).isEqualTo(Outcome.WARNING);
        assertThat(rule(second, "R-4s").verdict()).isEqualTo(Verdict.NOT_EVALUABLE);
        assertThat(rule(second, "R-4s").detail()).isEqualTo("no second level in this run");
        assertThat(second.outcome()).isEqualTo(Outcome.WARNING);
    }

    @Test
    void fourOneS_sameLevelAcrossRuns() {
        RuleSet.Evaluation third = null;
        double[] zs = {1.2, 1.5, 1.1};
        for (int i = 0; i < zs.length; i++) {
            third = add(ALL, i + 1, LEVEL_1, zs[i]);
        }
        assertThat(rule(third, "4-1s").verdict()).isEqualTo(Verdict.NOT_EVALUABLE);
        RuleSet.Evaluation fourth = add(ALL, 4, LEVEL_1, 1.3);
        assertThat(rule(fourth, "4-1s").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(fourth, "4-1s").detail()).startsWith("4 consecutive values of LOT-1 beyond +1 SD")
                .contains("+1.20 SD").contains("+1.30 SD");
        assertThat(rule(fourth, "4-1s").cause()).hasSize(4);
    }

    @Test
    void fourOneS_acrossLevels() {
        add(ALL, 1, LEVEL_1, -1.2);
        add(ALL, 1, LEVEL_2, -1.4);
        add(ALL, 2, LEVEL_1, -1.1);
        RuleSet.Evaluation e = add(ALL, 2, LEVEL_2, -1.3);
        assertThat(rule(e, "4-1s").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(e, "4-1s").detail()).contains("across levels beyond −1 SD");
    }

    @Test
    void fourOneS_brokenByAValueWithin1Sd() {
        add(ALL, 1, LEVEL_1, 1.2);
        add(ALL, 2, LEVEL_1, 0.8);
        add(ALL, 3, LEVEL_1, 1.1);
        RuleSet.Evaluation e = add(ALL, 4, LEVEL_1, 1.3);
        assertThat(rule(e, "4-1s").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void tenX_tenConsecutiveOnOneSideOfTheMean() {
        RuleSet.Evaluation e = null;
        for (int run = 1; run <= 9; run++) {
            e = add(ALL, run, LEVEL_1, 0.4);
            assertThat(rule(e, "10x").verdict()).as("run " + run)
                    .isEqualTo(run < 10 ? Verdict.NOT_EVALUABLE : Verdict.PASS);
        }
        e = add(ALL, 10, LEVEL_1, 0.6);
        assertThat(rule(e, "10x").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(e, "10x").cause()).hasSize(10);
        assertThat(e.outcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void tenX_aValueOnTheMeanEndsTheStreak() {
        for (int run = 1; run <= 9; run++) {
            add(ALL, run, LEVEL_1, run == 5 ? 0.0 : 0.4);
        }
        RuleSet.Evaluation e = add(ALL, 10, LEVEL_1, 0.4);
        assertThat(rule(e, "10x").verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void eightXAcrossTwoLevelsInFourRuns() {
        RuleSet rules = RuleSet.parse("1-3s/8x");
        RuleSet.Evaluation e = null;
        for (int run = 1; run <= 4; run++) {
            add(rules, run, LEVEL_1, -0.3);
            e = add(rules, run, LEVEL_2, -0.5);
        }
        assertThat(rule(e, "8x").verdict()).isEqualTo(Verdict.REJECT);
        assertThat(rule(e, "8x").detail()).contains("across levels beyond −the mean");
    }

    @Test
    void ruleSetsParseAndRefuseUnknownRules() {
        assertThat(RuleSet.parse("1-3s, 2-2s / r-4s 4-1s 10x 1-3s").text()).isEqualTo("1-3s/2-2s/R-4s/4-1s/10x");
        assertThatThrownBy(() -> RuleSet.parse("1-3s 3-1s")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Unknown Westgard rule '3-1s'");
        assertThatThrownBy(() -> RuleSet.parse(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void sigmaMetricSuggestsFewerRulesForBetterMethods() {
        assertThat(RuleSet.forSigma(6.5).text()).isEqualTo("1-3s");
        assertThat(RuleSet.forSigma(5.2).text()).isEqualTo("1-3s/2-2s/R-4s");
        assertThat(RuleSet.forSigma(4.0).text()).isEqualTo("1-3s/2-2s/R-4s/4-1s");
        assertThat(RuleSet.forSigma(3.1).text()).isEqualTo("1-3s/2-2s/R-4s/4-1s/10x");
    }

    @Test
    void aRuleNotInTheSetIsNotApplied() {
        RuleSet only13s = RuleSet.parse("1-3s");
        add(only13s, 1, LEVEL_1, 2.5);
        RuleSet.Evaluation e = add(only13s, 1, LEVEL_2, 2.5);
        assertThat(e.results()).extracting(RuleResult::rule).containsExactly("1-3s");
        assertThat(e.outcome()).isEqualTo(Outcome.ACCEPTED);
    }
}
