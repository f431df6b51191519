package org.lavender.specimens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashSet;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.time.api.constraints.DateRange;
import org.lavender.shared.InvalidInputException;

/** The accession scheme: YYMMDD-NNNNNC with a Damm check digit that catches typing and scanning slips. */
class AccessionProperties {

    @Property
    void formatIsDayDashSequenceAndCheckDigit(@ForAll @DateRange(min = "2000-01-01", max = "2099-12-31") LocalDate day,
                                              @ForAll @IntRange(min = 1, max = Accession.MAX_PER_DAY) int sequence) {
        String value = Accession.issue(day, sequence).value();
        assertThat(value).matches("\\d{6}-\\d{6}");
        assertThat(value.substring(0, 6)).isEqualTo(String.format("%02d%02d%02d", day.getYear() % 100,
                day.getMonthValue(), day.getDayOfMonth()));
        assertThat(Integer.parseInt(value.substring(7, 12))).isEqualTo(sequence);
        assertThat(Accession.isValid(value)).isTrue();
    }

    @Property(tries = 200)
    void everyNumberOfADayIsDistinct(@ForAll @DateRange(min = "2020-01-01", max = "2040-12-31") LocalDate day) {
        var seen = new HashSet<String>();
        for (int n = 1; n <= 2_000; n++) {
            assertThat(seen.add(Accession.issue(day, n).value())).isTrue();
        }
    }

    @Property
    void anySingleDigitErrorIsCaught(@ForAll @DateRange(min = "2000-01-01", max = "2099-12-31") LocalDate day,
                                     @ForAll @IntRange(min = 1, max = Accession.MAX_PER_DAY) int sequence,
                                     @ForAll @IntRange(min = 0, max = 11) int digit,
                                     @ForAll @IntRange(min = 1, max = 9) int shift) {
        char[] c = Accession.issue(day, sequence).value().toCharArray();
        int pos = digit < 6 ? digit : digit + 1; // skip the hyphen
        c[pos] = (char) ('0' + (c[pos] - '0' + shift) % 10);
        assertThat(Accession.isValid(new String(c))).isFalse();
        assertThat(Accession.looksMistyped(new String(c))).isTrue();
    }

    @Property
    void anySwapOfAdjacentDifferentDigitsIsCaught(
            @ForAll @DateRange(min = "2000-01-01", max = "2099-12-31") LocalDate day,
            @ForAll @IntRange(min = 1, max = Accession.MAX_PER_DAY) int sequence,
            @ForAll @IntRange(min = 0, max = 11) int first) {
        String digits = Accession.issue(day, sequence).value().replace("-", "");
        char[] d = digits.toCharArray();
        int a = first;
        int b = first + 1 == 12 ? first - 1 : first + 1; // the swap may span the hyphen
        if (d[a] == d[b]) {
            return;
        }
        char t = d[a];
        d[a] = d[b];
        d[b] = t;
        String swapped = new String(d, 0, 6) + "-" + new String(d, 6, 6);
        assertThat(Accession.isValid(swapped)).isFalse();
    }

    @Example
    void aScannerThatDropsTheHyphenOrSendsLowerCaseStillMatches() {
        String value = Accession.issue(LocalDate.of(2026, 1, 15), 427).value();
        assertThat(Accession.normalise(" " + value.replace("-", "") + "\r")).isEqualTo(value);
        assertThat(Accession.normalise(value + "-a1")).isEqualTo(value + "-A1");
    }

    @Example
    void aliquotsCarryTheirParentsNumberAndAreNotSplitAgain() {
        Accession tube = Accession.issue(LocalDate.of(2026, 1, 15), 427);
        Accession aliquot = tube.aliquot(2);
        assertThat(aliquot.value()).isEqualTo(tube.value() + "-A2");
        assertThat(aliquot.isAliquot()).isTrue();
        assertThat(Accession.isValid(aliquot.value())).isTrue();
        assertThatThrownBy(() -> aliquot.aliquot(1)).isInstanceOf(InvalidInputException.class);
    }

    @Example
    void dammCheckDigitMatchesThePublishedExample() {
        // The worked example of Damm's algorithm: 572 → check digit 4.
        assertThat(Accession.checkDigit("572")).isEqualTo(4);
        assertThat(Accession.issue(LocalDate.of(2026, 1, 15), 1).value()).isEqualTo("260115-000010");
        assertThat(Accession.issue(LocalDate.of(2026, 1, 15), 427).value()).isEqualTo("260115-004276");
        assertThatThrownBy(() -> new Accession("260115-000011")).isInstanceOf(InvalidInputException.class);
    }
}
