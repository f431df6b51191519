package org.lavender.patients.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.patients.NewPatient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Sex;

class PatientValidatorTests {

    private final PatientValidator validator =
            new PatientValidator(Clock.fixed(Instant.parse("2026-03-10T10:00:00Z"), ZoneId.of("UTC")));

    private static NewPatient jane(LocalDate birth) {
        return new NewPatient(null, " Doe ", "Jane", birth, Sex.FEMALE, null, List.of());
    }

    private void refused(NewPatient p, String field, String message) {
        assertThatThrownBy(() -> validator.validate(p)).isInstanceOf(InvalidInputException.class)
                .hasMessage(message).extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }

    @Test
    void cleanPatientIsTrimmed() {
        NewPatient p = validator.validate(jane(LocalDate.of(1980, 4, 2)));
        assertThat(p.familyName()).isEqualTo("Doe");
        assertThat(p.mrn()).isNull();
    }

    @Test
    void birthDates() {
        refused(jane(LocalDate.of(2026, 3, 11)), "birthDate", "Birth date 2026-03-11 is in the future");
        refused(jane(LocalDate.of(1899, 12, 31)), "birthDate", "Birth date 1899-12-31 is before 1900: check the year");
        refused(jane(null), "birthDate", "Birth date is required");
        assertThat(validator.validate(jane(LocalDate.of(2026, 3, 10))).birthDate()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(validator.validate(jane(LocalDate.of(1900, 1, 1))).birthDate()).isEqualTo(LocalDate.of(1900, 1, 1));
    }

    @Test
    void names() {
        LocalDate b = LocalDate.of(1980, 4, 2);
        refused(new NewPatient(null, "  ", "Jane", b, Sex.FEMALE, null, null), "familyName", "Family name is required");
        refused(new NewPatient(null, "Doe", null, b, Sex.FEMALE, null, null), "givenName", "Given name is required");
        refused(new NewPatient(null, "Doe\u0007", "Jane", b, Sex.FEMALE, null, null), "familyName",
                "Family name contains a control character (U+0007) at position 4");
        refused(new NewPatient(null, "Doe", "Ja\u200Bne", b, Sex.FEMALE, null, null), "givenName",
                "Given name contains a control character (U+200B) at position 3");
        refused(new NewPatient(null, "D0e", "Jane", b, Sex.FEMALE, null, null), "familyName",
                "Family name 'D0e' contains digits");
        refused(new NewPatient(null, "--", "Jane", b, Sex.FEMALE, null, null), "familyName",
                "Family name '--' has no letters");
    }

    @Test
    void sexMrnAndIdentifiers() {
        LocalDate b = LocalDate.of(1980, 4, 2);
        refused(new NewPatient(null, "Doe", "Jane", b, null, null, null), "sex",
                "Sex is required: use M, F, O or U (unknown)");
        refused(new NewPatient("M00000428", "Doe", "Jane", b, Sex.FEMALE, null, null), "mrn",
                "MRN M00000428 has a wrong check digit: check for a typo");
        refused(new NewPatient(null, "Doe", "Jane", b, Sex.FEMALE, null,
                        List.of(new PatientIdentifier("urn:h", "1"), new PatientIdentifier("urn:h", "1"))),
                "identifiers", "Identifier urn:h|1 is given twice");
        refused(new NewPatient(null, "Doe", "Jane", b, Sex.FEMALE, "call me", null), "phone",
                "Phone 'call me' is not valid: use digits, spaces, + ( ) - / . (at most 30)");
        NewPatient viaIdentifier = validator.validate(new NewPatient(null, "Doe", "Jane", b, Sex.FEMALE, null,
                List.of(new PatientIdentifier(PatientIdentifier.MRN_SYSTEM, "m00000427"))));
        assertThat(viaIdentifier.mrn()).isEqualTo("M00000427");
        assertThat(viaIdentifier.otherIdentifiers()).isEmpty();
    }

    @Test
    void reasonIsRequired() {
        assertThatThrownBy(() -> PatientValidator.reason(" ")).hasMessage("A reason for the change is required");
        assertThat(PatientValidator.reason(" typo ")).isEqualTo("typo");
    }
}
