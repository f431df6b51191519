package org.lavender.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.lavender.shared.InvalidInputException;

/** The LOINC mod-10 check digit. */
class LoincCodeProperties {

    @Example
    void knownCodesFromTheClinicalReferencePass() {
        for (String code : new String[] {"2823-3", "2951-2", "2075-0", "718-7", "6690-2", "98979-8", "14979-9",
                "89579-7", "51990-0", "24323-8", "57021-8", "24357-6", "1-8", "10466-1"}) {
            assertThat(LoincCode.isValid(code)).as(code).isTrue();
        }
    }

    @Example
    void malformedCodesAreRefusedWithAClearMessage() {
        assertThatThrownBy(() -> LoincCode.parse("2823-4")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("check digit").hasMessageContaining("2823-3");
        assertThatThrownBy(() -> LoincCode.parse("2823")).hasMessageContaining("not a LOINC code");
        assertThatThrownBy(() -> LoincCode.parse("K-3")).hasMessageContaining("not a LOINC code");
        assertThatThrownBy(() -> LoincCode.parse("12345678-9")).hasMessageContaining("not a LOINC code");
        assertThatThrownBy(() -> LoincCode.parse(" ")).hasMessageContaining("required");
        assertThat(LoincCode.parse(" 2823-3 ").value()).isEqualTo("2823-3");
    }

    @Property
    void aCodeBuiltWithItsCheckDigitRoundTrips(@ForAll("numbers") String number) {
        String code = number + "-" + LoincCode.checkDigit(number);
        assertThat(LoincCode.parse(code).value()).isEqualTo(code);
    }

    @Property
    void anyOtherCheckDigitIsRefused(@ForAll("numbers") String number, @ForAll @IntRange(min = 1, max = 9) int shift) {
        int wrong = (LoincCode.checkDigit(number) + shift) % 10;
        assertThat(LoincCode.isValid(number + "-" + wrong)).isFalse();
    }

    /** Mod 10 with doubling detects every change of a single digit, anywhere in the number. */
    @Property
    void aSingleMistypedDigitIsDetected(@ForAll("numbers") String number, @ForAll @IntRange(min = 0, max = 6) int at,
                                        @ForAll @IntRange(min = 1, max = 9) int shift) {
        String code = number + "-" + LoincCode.checkDigit(number);
        int position = at % number.length();
        char[] chars = code.toCharArray();
        chars[position] = (char) ('0' + (chars[position] - '0' + shift) % 10);
        assertThat(LoincCode.isValid(new String(chars))).as(new String(chars)).isFalse();
    }

    @Provide
    Arbitrary<String> numbers() {
        return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(7);
    }
}
