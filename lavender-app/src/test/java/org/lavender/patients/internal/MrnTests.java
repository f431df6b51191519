package org.lavender.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.lavender.shared.InvalidInputException;

class MrnTests {

    @Test
    void knownDammExampleAndFormat() {
        // Damm's published example: the check digit of 572 is 4.
        assertThat(Mrn.checkDigit("572")).isEqualTo(4);
        assertThat(Mrn.ofSerial(42).value()).isEqualTo("M00000427");
        assertThat(Mrn.ofSerial(9_999_999).value()).matches("M9999999\\d");
    }

    @Property
    void everyAssignedMrnIsValid(@ForAll @LongRange(min = 1, max = Mrn.MAX_SERIAL) long serial) {
        String mrn = Mrn.ofSerial(serial).value();
        assertThat(mrn).matches("M\\d{8}");
        assertThat(Mrn.valid(mrn)).isTrue();
        assertThat(Mrn.parse(mrn.toLowerCase()).value()).isEqualTo(mrn);
    }

    @Property
    void anySingleMistypedDigitIsCaught(@ForAll @LongRange(min = 1, max = Mrn.MAX_SERIAL) long serial,
                                        @ForAll @IntRange(min = 1, max = 8) int position,
                                        @ForAll @IntRange(min = 1, max = 9) int shift) {
        char[] mrn = Mrn.ofSerial(serial).value().toCharArray();
        mrn[position] = (char) ('0' + (mrn[position] - '0' + shift) % 10);
        assertThat(Mrn.valid(new String(mrn))).isFalse();
    }

    @Property
    void anySwapOfAdjacentDifferentDigitsIsCaught(@ForAll @LongRange(min = 1, max = Mrn.MAX_SERIAL) long serial,
                                                  @ForAll @IntRange(min = 1, max = 7) int position) {
        char[] mrn = Mrn.ofSerial(serial).value().toCharArray();
        Assume.that(mrn[position] != mrn[position + 1]);
        char c = mrn[position];
        mrn[position] = mrn[position + 1];
        mrn[position + 1] = c;
        assertThat(Mrn.valid(new String(mrn))).isFalse();
    }

    @Test
    void typedMrnWithWrongCheckDigitIsRefused() {
        assertThatThrownBy(() -> Mrn.parse("M00000428")).isInstanceOf(InvalidInputException.class)
                .hasMessage("MRN M00000428 has a wrong check digit: check for a typo");
    }

    @Test
    void formerSystemMrnsAreKeptButJunkIsRefused() {
        assertThat(Mrn.parse(" h-55812 ").value()).isEqualTo("H-55812");
        assertThatThrownBy(() -> Mrn.parse("12 34")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("is not valid");
    }
}
