package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.lavender.shared.InvalidInputException;

/** Validation of serum index limits and kinds as an administrator types them (clinical reference §5 rule 6). */
class IndexLimitsTests {

    @Test
    void blankKindsAreNotCheckedAndTheRestAreKeptAsTyped() {
        IndexLimits limits = IndexLimits.parse(" 50 ", "", null);
        assertThat(limits.get(SerumIndex.H)).isEqualByComparingTo("50");
        assertThat(limits.get(SerumIndex.I)).isNull();
        assertThat(limits.get(SerumIndex.L)).isNull();
        assertThat(limits.text()).isEqualTo("H ≤ 50, I –, L –");
        assertThat(limits.typed(SerumIndex.H)).isEqualTo("50");
        assertThat(limits.typed(SerumIndex.L)).isEmpty();
        assertThat(IndexLimits.parse("", " ", null).text()).isEqualTo("none");
        assertThat(IndexLimits.parse("0", "2.5", "100000").text()).isEqualTo("H ≤ 0, I ≤ 2.5, L ≤ 100000");
    }

    @Test
    void theTextIgnoresTrailingZerosSoAnUnchangedLimitIsSeenAsUnchanged() {
        assertThat(IndexLimits.parse("50.00", null, null).text()).isEqualTo(IndexLimits.parse("50", null, null).text());
        assertThat(IndexLimits.of(Map.of('H', new BigDecimal("50.000"), 'L', new BigDecimal("1000"))).text())
                .isEqualTo("H ≤ 50, I –, L ≤ 1000");
    }

    @Test
    void negativeLimitsAreRefusedNamingTheIndex() {
        assertThatThrownBy(() -> IndexLimits.parse("-5", null, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Hemolysis index limit must not be negative (-5)")
                .extracting("field").isEqualTo("hemolysis");
        assertThatThrownBy(() -> IndexLimits.parse(null, "-0.5", null))
                .hasMessage("Icterus index limit must not be negative (-0.5)");
    }

    @Test
    void textAndOtherNumberSyntaxAreRefused() {
        for (String bad : new String[] {"abc", "1e3", "5,5", "+5", ".5", "5.", "NaN", "Infinity", "0x10", "１２",
                "50 60", "<50", "50%"}) {
            assertThatThrownBy(() -> IndexLimits.parse(null, null, bad)).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("Lipemia index limit: '")
                    .hasMessageContaining("is not a number");
        }
    }

    @Test
    void hugeNumbersAndTooManyDecimalsAreRefused() {
        assertThatThrownBy(() -> IndexLimits.parse("100000.001", null, null))
                .hasMessage("Hemolysis index limit must be at most 100000 (the analyzer's index units), not 100000.001");
        String huge = "9".repeat(400);
        assertThatThrownBy(() -> IndexLimits.parse(huge, null, null))
                .hasMessageStartingWith("Hemolysis index limit must be at most 100000")
                .hasMessageEndingWith("…");
        assertThatThrownBy(() -> IndexLimits.parse("12.3456", null, null))
                .hasMessage("Hemolysis index limit may have at most 3 decimals");
        assertThat(IndexLimits.parse("000050", null, null).get(SerumIndex.H)).isEqualByComparingTo("50");
    }

    @Test
    void hostileTextIsEchoedShortAndPrintable() {
        assertThatThrownBy(() -> IndexLimits.parse("<script>alert(1)</script>\u0000" + "x".repeat(5000), null, null))
                .hasMessage("Hemolysis index limit: '<script>alert(1)</script…' is not a number (digits and a decimal"
                        + " point, e.g. 50 or 12.5)");
    }

    @Test
    void theKindIsHIOrLInAnyCaseAndNothingElse() {
        assertThat(SerumIndex.parse("h")).isEqualTo(SerumIndex.H);
        assertThat(SerumIndex.parse(" L ")).isEqualTo(SerumIndex.L);
        assertThat(SerumIndex.I.label()).isEqualTo("icterus");
        for (String bad : new String[] {"X", "", "HI", "hemolysis", "Ｈ", null}) {
            assertThatThrownBy(() -> SerumIndex.parse(bad)).as(String.valueOf(bad))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageStartingWith("The index kind is H (hemolysis), I (icterus) or L (lipemia), not '")
                    .extracting("field").isEqualTo("kind");
        }
    }

    @Property
    void anyNonNegativeLimitUpToTheMaximumIsKeptExactly(@ForAll("limits") BigDecimal limit) {
        IndexLimits parsed = IndexLimits.parse(limit.toPlainString(), null, null);
        assertThat(parsed.get(SerumIndex.H)).isEqualByComparingTo(limit);
    }

    @Property
    void anyTextIsEitherAValidLimitOrRefusedWithAMessage(@ForAll String text) {
        try {
            BigDecimal limit = IndexLimits.parse(null, text, null).get(SerumIndex.I);
            if (limit != null) {
                assertThat(limit.signum()).isNotNegative();
                assertThat(limit).isLessThanOrEqualTo(IndexLimits.MAX);
                assertThat(limit.scale()).isLessThanOrEqualTo(IndexLimits.MAX_DECIMALS);
            }
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).startsWith("Icterus index limit").hasSizeLessThan(200);
        }
    }

    @Provide
    Arbitrary<BigDecimal> limits() {
        return Arbitraries.bigDecimals().between(BigDecimal.ZERO, IndexLimits.MAX).ofScale(3);
    }
}
