package org.lavender.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.lavender.patients.NewPatient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;

/** Incoming Patient and ServiceRequest resources: what is taken, what is refused and with which message. */
class RequestMapperTests {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(Class<T> type, String json) {
        return FhirServerHarness.CONTEXT.newJsonParser().parseResource(type, json);
    }

    @Test
    void patientTakesTheMrnOtherIdentifiersNameBirthDateAndSex() {
        NewPatient patient = PatientMapper.toNewPatient(parse(Patient.class, """
                {"resourceType": "Patient",
                 "identifier": [{"system": "urn:lavender:mrn", "value": "M000123"},
                                {"system": "urn:oid:2.16.756.5.32", "value": "7560000000001"}],
                 "name": [{"use": "nickname", "family": "J"},
                          {"use": "official", "family": "Doe", "given": ["Jane", "Mary"]}],
                 "birthDate": "1980-05-17", "gender": "female",
                 "telecom": [{"system": "email", "value": "j@example.org"}, {"system": "phone", "value": "044"}]}
                """), TODAY);

        assertThat(patient).isEqualTo(new NewPatient("M000123", "Doe", "Jane Mary", LocalDate.of(1980, 5, 17),
                Sex.FEMALE, "044", java.util.List.of(new PatientIdentifier("urn:oid:2.16.756.5.32",
                "7560000000001"))));
    }

    @Test
    void patientRefusalsNameTheElement() {
        assertRefused(Patient.class, """
                {"resourceType": "Patient", "identifier": [{"value": "123"}],
                 "name": [{"family": "Doe", "given": ["Jane"]}], "birthDate": "1980-05-17"}""",
                "Patient.identifier[0].system", "has no system");
        assertRefused(Patient.class, """
                {"resourceType": "Patient", "name": [{"given": ["Jane"]}], "birthDate": "1980-05-17"}""",
                "Patient.name.family", "surname");
        assertRefused(Patient.class, """
                {"resourceType": "Patient", "name": [{"family": "Doe", "given": ["Jane"]}], "birthDate": "1980"}""",
                "Patient.birthDate", "full date");
        assertRefused(Patient.class, """
                {"resourceType": "Patient", "name": [{"family": "Doe", "given": ["Jane"]}]}""",
                "Patient.birthDate", "required");
    }

    @Test
    void patientRoundTripKeepsTheMrnOnceAndSplitsGivenNames() {
        Patient resource = PatientMapper.toFhir(Fixtures.jane());

        assertThat(resource.getIdentifier()).extracting(i -> i.getSystem() + "|" + i.getValue())
                .containsExactly("urn:lavender:mrn|M000123", "urn:oid:2.16.756.5.32|7560000000001");
        assertThat(resource.getNameFirstRep().getGiven()).extracting(g -> g.getValue())
                .containsExactly("Jane", "Mary");
        assertThat(resource.getBirthDateElement().getValueAsString()).isEqualTo("1980-05-17");
        assertThat(resource.getMeta().getVersionId()).isEqualTo("3");
    }

    @Test
    void serviceRequestTakesLoincFirstUrgentAsAsapAndAContainedRequester() {
        OrderRequest request = ServiceRequestMapper.read(parse(ServiceRequest.class, """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "original-order",
                 "priority": "urgent",
                 "contained": [{"resourceType": "Practitioner", "id": "dr",
                                "name": [{"family": "Cuddy", "given": ["Lisa"]}]}],
                 "subject": {"reference": "Patient/7"},
                 "code": {"coding": [{"system": "urn:lavender:test", "code": "K"},
                                     {"system": "http://snomed.info/sct", "code": "59573005"},
                                     {"system": "http://loinc.org", "code": "2823-3"}]},
                 "requester": {"reference": "#dr"},
                 "note": [{"text": "on diuretics"}, {"text": "recheck"}]}"""));

        assertThat(request.patientId()).isEqualTo(7L);
        assertThat(request.codes()).containsExactly(new OrderRequest.Code("http://loinc.org", "2823-3"),
                new OrderRequest.Code("urn:lavender:test", "K"));
        assertThat(request.priority()).isEqualTo(Priority.ASAP);
        assertThat(request.requester()).isEqualTo("Lisa Cuddy");
        assertThat(request.clinicalNotes()).isEqualTo("on diuretics\nrecheck");
        assertThat(request.requisition()).isNull();
    }

    @Test
    void serviceRequestRefusalsNameTheElement() {
        String loinc = "\"code\": {\"coding\": [{\"system\": \"http://loinc.org\", \"code\": \"2823-3\"}]}";
        assertRefused(ServiceRequest.class, "{\"resourceType\": \"ServiceRequest\", \"status\": \"active\", "
                + "\"intent\": \"order\", " + loinc + "}", "ServiceRequest.subject", "required");
        assertRefused(ServiceRequest.class, "{\"resourceType\": \"ServiceRequest\", \"status\": \"active\", "
                        + "\"intent\": \"order\", \"subject\": {\"reference\": \"Group/4\"}, " + loinc + "}",
                "ServiceRequest.subject", "must reference a Patient");
        assertRefused(ServiceRequest.class, "{\"resourceType\": \"ServiceRequest\", \"status\": \"active\", "
                        + "\"intent\": \"proposal\", \"subject\": {\"reference\": \"Patient/7\"}, " + loinc + "}",
                "ServiceRequest.intent", "not an order");
        assertRefused(ServiceRequest.class, "{\"resourceType\": \"ServiceRequest\", \"status\": \"revoked\", "
                        + "\"intent\": \"order\", \"subject\": {\"reference\": \"Patient/7\"}, " + loinc + "}",
                "ServiceRequest.status", "'active'");
        assertRefused(ServiceRequest.class, """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "order",
                 "subject": {"reference": "Patient/7"},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "59573005"}]}}""",
                "ServiceRequest.code", "LOINC");
    }

    private static void assertRefused(Class<? extends org.hl7.fhir.r4.model.Resource> type, String json,
                                      String field, String message) {
        assertThatThrownBy(() -> {
            if (type == Patient.class) {
                PatientMapper.toNewPatient(parse(Patient.class, json), TODAY);
            } else {
                ServiceRequestMapper.read(parse(ServiceRequest.class, json));
            }
        }).isInstanceOf(InvalidInputException.class).hasMessageContaining(message)
                .extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }
}
