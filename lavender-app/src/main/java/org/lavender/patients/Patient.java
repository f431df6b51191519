package org.lavender.patients;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.lavender.shared.Sex;

/** A registered patient. Age for reference intervals is counted in days at the specimen's collection date. */
public record Patient(long id, String mrn, String familyName, String givenName, LocalDate birthDate, Sex sex,
                      String phone, List<PatientIdentifier> identifiers, long version) {

    public long ageInDays(LocalDate on) {
        return ChronoUnit.DAYS.between(birthDate, on);
    }

    public int ageInYears(LocalDate on) {
        return (int) ChronoUnit.YEARS.between(birthDate, on);
    }

    /** "DOE, Jane" as on labels and reports. */
    public String displayName() {
        return familyName.toUpperCase() + ", " + givenName;
    }
}
