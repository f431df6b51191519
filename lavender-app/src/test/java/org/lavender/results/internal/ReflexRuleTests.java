package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

class ReflexRuleTests {

    @Test
    void tshAboveTheReferenceIntervalReflexesToFreeT4() {
        ReflexRule rule = ReflexRule.define("tsh", "flag", null, null, "H", null, "ft4", null);
        assertThat(rule.describe()).isEqualTo("TSH flagged H → FT4");
        // TSH reference interval 0.4–4.0 m[IU]/L (clinical reference §2): 4.0 is within, 4.01 is H.
        assertThat(rule.firedBy(tsh("6.10", null, Interpretation.H))).contains("Thyrotropin (TSH) 6.10 m[IU]/L flagged H");
        assertThat(rule.firedBy(tsh("4.00", null, Interpretation.N))).isEmpty();
        assertThat(rule.firedBy(tsh("0.10", null, Interpretation.L))).isEmpty();
    }

    @Test
    void aComparisonIsDecidedOnlyWhenEveryValueAReportedRangeStandsForMeetsIt() {
        ReflexRule above = ReflexRule.define("TSH", "COMPARISON", ">", "4.0", null, null, "FT4", null);
        assertThat(above.firedBy(tsh("4.00", null, Interpretation.N))).isEmpty();
        assertThat(above.firedBy(tsh("4.01", null, Interpretation.H))).contains("Thyrotropin (TSH) 4.01 m[IU]/L > 4");
        assertThat(above.firedBy(tsh(">100", ">", Interpretation.H))).isPresent();
        assertThat(above.firedBy(tsh(">3", ">", null))).isEmpty();
        assertThat(above.firedBy(tsh("<0.01", "<", Interpretation.L))).isEmpty();

        ReflexRule atLeast = ReflexRule.define("TSH", "COMPARISON", ">=", "4.0", null, null, "FT4", null);
        assertThat(atLeast.firedBy(tsh("4.00", null, Interpretation.N))).isPresent();
        ReflexRule below = ReflexRule.define("TSH", "COMPARISON", "<", "0.1", null, null, "FT4", null);
        assertThat(below.firedBy(tsh("<0.01", "<", Interpretation.L))).isPresent();
        assertThat(below.firedBy(tsh("<0.5", "<", Interpretation.L))).isEmpty();
    }

    @Test
    void aReactiveScreenReflexesToItsConfirmation() {
        ReflexRule rule = ReflexRule.define("HCVAB", "ANSWER", null, null, null, "Reactive", "HCVRNA",
                "CDC 2013 HCV sequence");
        LabResult reactive = coded("reactive", Interpretation.A);
        assertThat(rule.firedBy(reactive)).contains("Hepatitis C antibody reactive is Reactive");
        assertThat(rule.firedBy(coded("nonreactive", Interpretation.N))).isEmpty();
    }

    @Test
    void aResultWithoutValueOrOfAnotherTestNeverFires() {
        ReflexRule rule = ReflexRule.define("TSH", "FLAG", null, null, "H HH", null, "FT4", null);
        assertThat(rule.firedBy(tsh(null, null, null))).isEmpty();
        assertThat(rule.firedBy(coded("reactive", Interpretation.H))).isEmpty();
    }

    @Test
    void malformedAndHostileRulesAreRefusedWithTheField() {
        assertRefused(() -> ReflexRule.define("", "FLAG", null, null, "H", null, "FT4", null), "testCode");
        assertRefused(() -> ReflexRule.define("TSH'; drop table x;--", "FLAG", null, null, "H", null, "FT4", null),
                "testCode");
        assertRefused(() -> ReflexRule.define("TSH", "FLAG", null, null, "H", null, "TSH", null), "reflexTest");
        assertRefused(() -> ReflexRule.define("TSH", "MAYBE", null, null, "H", null, "FT4", null), "condition");
        assertRefused(() -> ReflexRule.define("TSH", null, null, null, "H", null, "FT4", null), "condition");
        assertRefused(() -> ReflexRule.define("TSH", "FLAG", null, null, "", null, "FT4", null), "flags");
        assertRefused(() -> ReflexRule.define("TSH", "FLAG", null, null, "H <script>", null, "FT4", null), "flags");
        assertRefused(() -> ReflexRule.define("TSH", "COMPARISON", "=>", "4", null, null, "FT4", null), "comparator");
        assertRefused(() -> ReflexRule.define("TSH", "COMPARISON", ">", "4,5", null, null, "FT4", null), "threshold");
        assertRefused(() -> ReflexRule.define("TSH", "COMPARISON", ">", "NaN", null, null, "FT4", null), "threshold");
        assertRefused(() -> ReflexRule.define("TSH", "COMPARISON", ">", "1e999999", null, null, "FT4", null),
                "threshold");
        assertRefused(() -> ReflexRule.define("TSH", "COMPARISON", ">", " ", null, null, "FT4", null), "threshold");
        assertRefused(() -> ReflexRule.define("HCVAB", "ANSWER", null, null, null, " ", "HCVRNA", null), "answer");
        assertRefused(() -> ReflexRule.define("HCVAB", "ANSWER", null, null, null, "r".repeat(101), "HCVRNA", null),
                "answer");
        assertRefused(() -> ReflexRule.define("TSH", "FLAG", null, null, "H", null, "FT4", "n".repeat(501)), "note");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }

    private static LabResult tsh(String text, String comparator, Interpretation flag) {
        BigDecimal number = text == null ? null
                : new BigDecimal(comparator == null ? text : text.substring(comparator.length()));
        return new LabResult(1, 1, "261125-000001", 1, 1, 1, "TSH", "3016-3", "Thyrotropin (TSH)", "IMMUNO", text,
                comparator, number, "m[IU]/L", flag, 7L, new BigDecimal("0.4"), new BigDecimal("4.0"), "0.4–4.0",
                ResultStatus.FINAL, Instant.EPOCH, Instant.EPOCH, Instant.EPOCH, "tech", Instant.EPOCH, "verifier",
                null, 1);
    }

    private static LabResult coded(String answer, Interpretation flag) {
        return new LabResult(2, 1, "261125-000001", 1, 1, 1, "HCVAB", "16128-1", "Hepatitis C antibody", "IMMUNO",
                answer, null, null, null, flag, null, null, null, null, ResultStatus.FINAL, Instant.EPOCH,
                Instant.EPOCH, Instant.EPOCH, "tech", Instant.EPOCH, "verifier", null, 1);
    }
}
