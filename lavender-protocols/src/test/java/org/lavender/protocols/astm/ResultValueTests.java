package org.lavender.protocols.astm;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultValueTests {

    @Test
    void censoredValuesKeepTheirComparator() {
        assertThat(ResultValue.parse("<0.05")).isEqualTo(new ResultValue("<0.05",
                Optional.of(ResultValue.Comparator.LESS_THAN), Optional.of(new BigDecimal("0.05"))));
        assertThat(ResultValue.parse(">8").comparator()).contains(ResultValue.Comparator.GREATER_THAN);
        assertThat(ResultValue.parse(">=10").comparator()).contains(ResultValue.Comparator.GREATER_OR_EQUAL);
        assertThat(ResultValue.parse(">8").isExact()).isFalse();
    }

    @Test
    void decimalCommaIsReadAsADecimalPoint() {
        assertThat(ResultValue.parse("5,64").number()).contains(new BigDecimal("5.64"));
    }

    @Test
    void spacePaddedNumbersAreTrimmed() {
        ResultValue value = ResultValue.parse("  5.5");

        assertThat(value.text()).isEqualTo("5.5");
        assertThat(value.number()).contains(new BigDecimal("5.5"));
        assertThat(value.isExact()).isTrue();
    }

    @Test
    void qualitativeAndPlaceholderValuesStayText() {
        for (String text : new String[] {"NOT DETECTED", "-----", "3+", "Pos", "B Pos", "1,2,3", "", "1e5"}) {
            assertThat(ResultValue.parse(text).isNumeric()).as(text).isFalse();
        }
    }

    @Test
    void signedValues() {
        assertThat(ResultValue.parse("-2.0").number()).contains(new BigDecimal("-2.0"));
    }
}
