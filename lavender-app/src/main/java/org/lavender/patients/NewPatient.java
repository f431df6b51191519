package org.lavender.patients;

import java.time.LocalDate;
import java.util.List;
import org.lavender.shared.Sex;

/**
 * A patient to register. {@code mrn} may be null: the lab then assigns the next MRN. Further identifiers from
 * other authorities (hospital, national id) go in {@code otherIdentifiers}.
 */
public record NewPatient(String mrn, String familyName, String givenName, LocalDate birthDate, Sex sex, String phone,
                         List<PatientIdentifier> otherIdentifiers) {
}
