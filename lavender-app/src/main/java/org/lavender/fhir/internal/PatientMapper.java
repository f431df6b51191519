package org.lavender.fhir.internal;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.HumanName.NameUse;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Identifier.IdentifierUse;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.StringType;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Sex;

/**
 * FHIR Patient ↔ Lavender patient. The lab's MRN is the identifier with system {@code urn:lavender:mrn}; identifiers
 * of any other assigning authority are kept as they come, but each needs its system, since "12345" alone could be
 * anyone's number. Birth date and sex are required to the day, because reference intervals depend on them.
 */
final class PatientMapper {

    private PatientMapper() {
    }

    static NewPatient toNewPatient(org.hl7.fhir.r4.model.Patient resource, LocalDate today) {
        String mrn = null;
        List<PatientIdentifier> others = new ArrayList<>();
        for (int i = 0; i < resource.getIdentifier().size(); i++) {
            Identifier identifier = resource.getIdentifier().get(i);
            String path = "Patient.identifier[" + i + "]";
            if (!identifier.hasValue() || identifier.getValue().isBlank()) {
                throw new InvalidInputException(path + ".value", path + " has no value");
            }
            if (!identifier.hasSystem() || identifier.getSystem().isBlank()) {
                throw new InvalidInputException(path + ".system", path + " '" + identifier.getValue()
                        + "' has no system: say which authority assigned it (e.g. urn:lavender:mrn for the lab MRN)");
            }
            if (FhirSystems.MRN.equals(identifier.getSystem())) {
                if (mrn != null) {
                    throw new InvalidInputException(path, "Patient has two lab MRNs (" + mrn + ", "
                            + identifier.getValue() + "): send one identifier with system " + FhirSystems.MRN);
                }
                mrn = identifier.getValue().trim();
            } else {
                others.add(new PatientIdentifier(identifier.getSystem().trim(), identifier.getValue().trim()));
            }
        }
        HumanName name = officialName(resource);
        if (name == null || !name.hasFamily() || name.getFamily().isBlank()) {
            throw new InvalidInputException("Patient.name.family", "Patient.name.family (surname) is required");
        }
        String given = String.join(" ", name.getGiven().stream().map(StringType::getValue)
                .filter(g -> g != null && !g.isBlank()).map(String::trim).toList());
        if (given.isBlank()) {
            throw new InvalidInputException("Patient.name.given", "Patient.name.given (first name) is required");
        }
        LocalDate birthDate = birthDate(resource, today);
        Sex sex = resource.hasGender() && resource.getGender() != AdministrativeGender.NULL
                ? Sex.parse(resource.getGender().toCode()) : Sex.UNKNOWN;
        String phone = resource.getTelecom().stream().filter(t -> t.getSystem() == ContactPointSystem.PHONE)
                .map(t -> t.getValue()).filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        return new NewPatient(mrn, name.getFamily().trim(), given, birthDate, sex, phone, List.copyOf(others));
    }

    private static HumanName officialName(org.hl7.fhir.r4.model.Patient resource) {
        return resource.getName().stream().filter(n -> n.getUse() == NameUse.OFFICIAL).findFirst()
                .orElse(resource.getName().isEmpty() ? null : resource.getNameFirstRep());
    }

    private static LocalDate birthDate(org.hl7.fhir.r4.model.Patient resource, LocalDate today) {
        DateType element = resource.getBirthDateElement();
        if (element == null || element.isEmpty()) {
            throw new InvalidInputException("Patient.birthDate",
                    "Patient.birthDate is required: reference intervals depend on the patient's age");
        }
        if (element.getPrecision() != TemporalPrecisionEnum.DAY) {
            throw new InvalidInputException("Patient.birthDate", "Patient.birthDate '" + element.getValueAsString()
                    + "' must be a full date (YYYY-MM-DD): pediatric reference intervals are set in days");
        }
        LocalDate birthDate = LocalDate.of(element.getYear(), element.getMonth() + 1, element.getDay());
        if (birthDate.isAfter(today)) {
            throw new InvalidInputException("Patient.birthDate",
                    "Patient.birthDate " + birthDate + " is in the future");
        }
        return birthDate;
    }

    static org.hl7.fhir.r4.model.Patient toFhir(Patient patient) {
        var resource = new org.hl7.fhir.r4.model.Patient();
        resource.setIdElement(new IdType("Patient", String.valueOf(patient.id()), String.valueOf(patient.version())));
        resource.getMeta().setVersionId(String.valueOf(patient.version()));
        if (patient.mrn() != null) {
            Identifier mrn = resource.addIdentifier().setUse(IdentifierUse.USUAL).setSystem(FhirSystems.MRN)
                    .setValue(patient.mrn());
            mrn.getType().addCoding().setSystem(FhirSystems.IDENTIFIER_TYPE).setCode("MR")
                    .setDisplay("Medical record number");
        }
        for (PatientIdentifier identifier : patient.identifiers()) {
            boolean isTheMrn = FhirSystems.MRN.equals(identifier.system())
                    && identifier.value().equals(patient.mrn());
            if (!isTheMrn) {
                resource.addIdentifier().setSystem(identifier.system()).setValue(identifier.value());
            }
        }
        HumanName name = resource.addName().setUse(NameUse.OFFICIAL).setFamily(patient.familyName());
        if (patient.givenName() != null) {
            for (String given : patient.givenName().trim().split("\\s+")) {
                name.addGiven(given);
            }
        }
        if (patient.birthDate() != null) {
            resource.setBirthDateElement(new DateType(patient.birthDate().toString()));
        }
        resource.setGender(patient.sex() == null ? AdministrativeGender.UNKNOWN
                : AdministrativeGender.fromCode(patient.sex().fhir()));
        if (patient.phone() != null) {
            resource.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(patient.phone());
        }
        return resource;
    }
}
