package org.lavender.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lavender.patients.PatientQuery;
import org.lavender.shared.InvalidInputException;

class PatientSearchInputTests {

    @Test
    void identifierNameAndDate() {
        assertThat(PatientSearchInput.parse("M00000427")).isEqualTo(new PatientQuery("M00000427", null, null, null));
        assertThat(PatientSearchInput.parse("doe, ja")).isEqualTo(new PatientQuery(null, null, "doe, ja", null));
        assertThat(PatientSearchInput.parse("1980-04-02"))
                .isEqualTo(new PatientQuery(null, null, null, LocalDate.of(1980, 4, 2)));
        assertThat(PatientSearchInput.parse("2.4.1980"))
                .isEqualTo(new PatientQuery(null, null, null, LocalDate.of(1980, 4, 2)));
        assertThat(PatientSearchInput.parse("doe, ja 02.04.1980"))
                .isEqualTo(new PatientQuery(null, null, "doe, ja", LocalDate.of(1980, 4, 2)));
        assertThat(PatientSearchInput.parse("van der berg")).isEqualTo(new PatientQuery(null, null, "van der berg", null));
    }

    @Test
    void impossibleDateIsRefusedNotGuessed() {
        assertThatThrownBy(() -> PatientSearchInput.parse("31.02.1980")).isInstanceOf(InvalidInputException.class)
                .hasMessage("'31.02.1980' is not a valid date");
    }
}
