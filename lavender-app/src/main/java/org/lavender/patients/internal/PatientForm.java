package org.lavender.patients.internal;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Sex;

/**
 * The register/edit form as typed. Other identifiers are one per line as {@code system|value}, e.g.
 * {@code urn:oid:1.2.36.146.595.217.0.1|55812}.
 */
record PatientForm(String mrn, String familyName, String givenName, String birthDate, String sex, String phone,
                   String identifiers, String reason, Long version) {

    static PatientForm empty() {
        return new PatientForm("", "", "", "", "", "", "", "", null);
    }

    static PatientForm of(Patient p) {
        StringBuilder ids = new StringBuilder();
        p.identifiers().forEach(i -> ids.append(i.system()).append('|').append(i.value()).append('\n'));
        return new PatientForm(p.mrn(), p.familyName(), p.givenName(), p.birthDate().toString(), p.sex().hl7(),
                p.phone(), ids.toString(), "", p.version());
    }

    NewPatient toNewPatient() {
        return new NewPatient(mrn, familyName, givenName, date(), parsedSex(), phone, identifierList());
    }

    private Sex parsedSex() {
        if (sex == null || sex.isBlank()) {
            throw new InvalidInputException("sex", "Sex is required: use M, F, O or U (unknown)");
        }
        return Sex.parse(sex);
    }

    private LocalDate date() {
        if (birthDate == null || birthDate.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(birthDate.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("birthDate",
                    "Birth date '" + birthDate.strip() + "' is not a date: use YYYY-MM-DD");
        }
    }

    private List<PatientIdentifier> identifierList() {
        List<PatientIdentifier> list = new ArrayList<>();
        if (identifiers == null) {
            return list;
        }
        for (String line : identifiers.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int bar = line.indexOf('|');
            if (bar < 0) {
                throw new InvalidInputException("identifiers",
                        "Identifier '" + line.strip() + "' needs its system: write system|value");
            }
            list.add(new PatientIdentifier(line.substring(0, bar), line.substring(bar + 1)));
        }
        return list;
    }
}
