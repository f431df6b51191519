package org.lavender.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lavender.shared.Interpretation;

/** Flags with the worked numbers of the clinical reference §0 and §2. */
class ReferenceIntervalTests {

    // Potassium, UIHC: adult critical <2.8 / >6.2; 0-15 years <3.0 / >6.5.
    private static final ReferenceInterval POTASSIUM_ADULT = interval("3.5", "5.1", "2.8", "6.2", false);
    private static final ReferenceInterval POTASSIUM_CHILD = interval("3.5", "5.1", "3.0", "6.5", false);
    // Chloride, HM: critical ≤75 / ≥121.
    private static final ReferenceInterval CHLORIDE = interval("98", "107", "75", "121", true);
    // Lactate, HM: critical ≥3.5, no low critical.
    private static final ReferenceInterval LACTATE = interval("0.5", "2.2", null, "3.5", true);

    @Test
    void potassiumSixPointThreeIsCriticalForAnAdultButOnlyHighForAChild() {
        assertThat(POTASSIUM_ADULT.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.HH);
        assertThat(POTASSIUM_CHILD.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.H);
    }

    @ParameterizedTest(name = "potassium {0} → {1}")
    @CsvSource({"3.5, N", "5.1, N", "5.10, N", "3.49, L", "5.2, H", "2.8, L", "2.79, LL", "6.2, H", "6.21, HH",
                "4.2, N"})
    void aValueEqualToALimitIsInsideIt(String value, Interpretation expected) {
        assertThat(POTASSIUM_ADULT.flag(new BigDecimal(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "chloride {0} → {1}")
    @CsvSource({"75, LL", "75.0, LL", "75.1, L", "97, L", "98, N", "107, N", "108, H", "120.9, H", "121, HH"})
    void inclusiveCriticalLimitsFlagTheLimitItself(String value, Interpretation expected) {
        assertThat(CHLORIDE.flag(new BigDecimal(value))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "lactate {0} → {1}")
    @CsvSource({"3.5, HH", "3.49, H", "2.2, N", "0.4, L", "0.1, L"})
    void oneSidedCriticalLimit(String value, Interpretation expected) {
        assertThat(LACTATE.flag(new BigDecimal(value))).isEqualTo(expected);
    }

    @Test
    void upperLimitOnlyIntervals() {
        ReferenceInterval troponin = interval(null, "34", null, null, false);
        assertThat(troponin.flag(new BigDecimal("34"))).isEqualTo(Interpretation.N);
        assertThat(troponin.flag(new BigDecimal("35"))).isEqualTo(Interpretation.H);
        assertThat(troponin.flag(BigDecimal.ZERO)).isEqualTo(Interpretation.N);
        assertThat(troponin.text()).isEqualTo("≤34");
        assertThat(POTASSIUM_ADULT.text()).isEqualTo("3.5–5.1");
    }

    private static ReferenceInterval interval(String low, String high, String critLow, String critHigh,
                                              boolean inclusive) {
        return new ReferenceInterval(1, dec(low), dec(high), dec(critLow), dec(critHigh), inclusive, "mmol/L");
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }
}
