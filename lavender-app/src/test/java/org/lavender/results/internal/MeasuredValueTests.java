package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

class MeasuredValueTests {

    // Potassium, adult: 3.5–5.1 mmol/L, critical <2.8 / >6.2 (UIHC).
    private final ReferenceInterval potassium = new ReferenceInterval(1, new BigDecimal("3.5"),
            new BigDecimal("5.1"), new BigDecimal("2.8"), new BigDecimal("6.2"), false, "mmol/L");
    // hs-troponin I: upper limit only.
    private final ReferenceInterval troponin = new ReferenceInterval(2, null, new BigDecimal("34"), null, null,
            false, "ng/L");

    @ParameterizedTest
    @CsvSource({"4.2,,4.2", "<0.05,<,0.05", "> 500,>,500", "<=2,<=,2", ".5,,.5", "-1.5,,-1.5", " 7 ,,7"})
    void parsesNumbersWithComparators(String text, String comparator, String number) {
        MeasuredValue v = MeasuredValue.parse(text, "Potassium");
        assertThat(v.comparator()).isEqualTo(comparator);
        assertThat(v.number()).isEqualByComparingTo(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "4.2.1", "4,2", "1e5", "<", "<<3", "4 2", "NaN", "0x10", "5;drop table", "4.2mmol"})
    void refusesWhatIsNotANumber(String text) {
        assertThatThrownBy(() -> MeasuredValue.parse(text, "Potassium"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Potassium");
    }

    @Test
    void commaDecimalGetsAHint() {
        assertThatThrownBy(() -> MeasuredValue.parse("4,2", "Potassium"))
                .hasMessageContaining("decimal point");
    }

    @Test
    void blankAndOverlongAreRefused() {
        assertThatThrownBy(() -> MeasuredValue.parse("  ", "Sodium")).hasMessageContaining("Enter a value");
        assertThatThrownBy(() -> MeasuredValue.parse("1".repeat(40), "Sodium")).hasMessageContaining("too long");
    }

    @ParameterizedTest
    @CsvSource({"3.5,N", "5.1,N", "3.4,L", "5.2,H", "2.8,L", "2.79,LL", "6.2,H", "6.3,HH", "4.0,N"})
    void flagsAtAndAroundTheLimits(String value, Interpretation expected) {
        assertThat(MeasuredValue.parse(value, "Potassium").flag(potassium)).isEqualTo(expected);
    }

    @Test
    void comparatorValuesAreFlaggedOnlyWhenTheFlagIsCertain() {
        assertThat(MeasuredValue.parse("<2.0", "K").flag(potassium)).isEqualTo(Interpretation.LL);
        assertThat(MeasuredValue.parse(">7", "K").flag(potassium)).isEqualTo(Interpretation.HH);
        // "<4.0" may be normal or low: no automatic flag, a person judges it.
        assertThat(MeasuredValue.parse("<4.0", "K").flag(potassium)).isNull();
        assertThat(MeasuredValue.parse("<7", "K").flag(potassium)).isNull();
        // Troponin "<3" lies under an upper-only limit: certainly normal.
        assertThat(MeasuredValue.parse("<3", "Troponin").flag(troponin)).isEqualTo(Interpretation.N);
        assertThat(MeasuredValue.parse(">50000", "Troponin").flag(troponin)).isEqualTo(Interpretation.H);
    }

    @Property
    void anyDecimalRoundTripsThroughItsDisplay(@ForAll @BigRange(min = "-100000", max = "100000") @Scale(4)
                                               BigDecimal number) {
        MeasuredValue v = MeasuredValue.parse(number.toPlainString(), "X");
        assertThat(v.number()).isEqualByComparingTo(number);
        assertThat(MeasuredValue.parse(v.display(), "X")).isEqualTo(v);
    }

    @Property
    void arbitraryTextEitherParsesOrIsRefusedWithAClearError(@ForAll @StringLength(max = 40) String text) {
        try {
            MeasuredValue v = MeasuredValue.parse(text, "X");
            assertThat(v.number()).isNotNull();
        } catch (InvalidInputException e) {
            assertThat(e.getMessage()).isNotBlank();
            assertThat(e.field()).isEqualTo("value");
        }
    }
}
