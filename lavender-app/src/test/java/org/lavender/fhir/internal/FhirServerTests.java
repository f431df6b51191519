package org.lavender.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.orders.NewOrder;
import org.lavender.orders.OrderStatus;
import org.lavender.patients.NewPatient;
import org.lavender.patients.PatientQuery;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Slice;
import org.springframework.mock.web.MockHttpServletResponse;

/** Status codes and OperationOutcomes of the FHIR servlet, over mocked modules. */
class FhirServerTests {

    private final FhirServerHarness fhir = new FhirServerHarness();

    @BeforeEach
    void signIn() {
        FhirServerHarness.signIn("ehr", "SYSTEM");
    }

    @AfterEach
    void signOut() {
        FhirServerHarness.signOut();
    }

    @Test
    void capabilityStatementListsTheProvidersAndTheirSearchParameters() {
        MockHttpServletResponse response = fhir.get("/metadata");

        assertThat(response.getStatus()).isEqualTo(200);
        CapabilityStatement capabilities = FhirServerHarness.parse(response, CapabilityStatement.class);
        assertThat(capabilities.getFhirVersion().toCode()).isEqualTo("4.0.1");
        List<CapabilityStatementRestResourceComponent> resources = capabilities.getRestFirstRep().getResource();
        assertThat(resources).extracting(CapabilityStatementRestResourceComponent::getType)
                .contains("Patient", "ServiceRequest", "Specimen", "Observation", "DiagnosticReport");
        CapabilityStatementRestResourceComponent serviceRequest = resources.stream()
                .filter(r -> r.getType().equals("ServiceRequest")).findFirst().orElseThrow();
        assertThat(serviceRequest.getInteraction()).extracting(i -> i.getCode().toCode())
                .contains("create", "read", "search-type");
        assertThat(serviceRequest.getSearchParam()).extracting(p -> p.getName())
                .contains("subject", "patient", "code", "priority", "requester", "requisition");
        CapabilityStatementRestResourceComponent specimen = resources.stream()
                .filter(r -> r.getType().equals("Specimen")).findFirst().orElseThrow();
        assertThat(specimen.getSearchParam()).extracting(p -> p.getName()).contains("request", "accession");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"resourceType\": \"Patient\", ",
            "not json at all",
            "{\"resourceType\": \"Patient\", \"birthDate\": \"17.05.1980\"}",
            "{\"resourceType\": \"Patient\", \"name\": [{\"family\": {\"$ne\": null}}]}",
            "{\"resourceType\": \"Patient\", \"birthdate\": \"1980-05-17\"}",
            "{\"resourceType\": \"Observation\", \"status\": \"final\"}",
            "{\"resourceType\": \"Patient\", \"gender\": \"<script>alert(1)</script>\"}",
            "[{\"resourceType\": \"Patient\"}]"})
    void malformedOrHostileJsonIsRefusedWith400AndAnOperationOutcome(String body) {
        MockHttpServletResponse response = fhir.post("/Patient", body);

        assertThat(response.getStatus()).isEqualTo(400);
        OperationOutcome outcome = FhirServerHarness.parse(response, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).isNotBlank();
        verifyNoInteractions(fhir.patients);
    }

    @Test
    void deeplyNestedJsonIsRefusedWith400() {
        String nested = "{\"resourceType\": \"Patient\", \"extension\": [" + "{\"url\": \"x\", \"extension\": ["
                .repeat(3000) + "]}".repeat(3000) + "]}";

        MockHttpServletResponse response = fhir.post("/Patient", nested);

        assertThat(response.getStatus()).isEqualTo(400);
        verifyNoInteractions(fhir.patients);
    }

    @Test
    void serviceRequestWithoutSubjectIs422AndNothingIsOrdered() {
        MockHttpServletResponse response = fhir.post("/ServiceRequest", """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "order",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]}}""");

        assertThat(response.getStatus()).isEqualTo(422);
        OperationOutcome outcome = FhirServerHarness.parse(response, OperationOutcome.class);
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("ServiceRequest.subject is required");
        assertThat(outcome.getIssueFirstRep().getExpression()).extracting(e -> e.getValue())
                .containsExactly("ServiceRequest.subject");
        verifyNoInteractions(fhir.orders);
    }

    @Test
    void serviceRequestForAnUnknownPatientOrAnUnknownLoincIs422() {
        when(fhir.patients.find(99L)).thenReturn(Optional.empty());
        MockHttpServletResponse unknownPatient = fhir.post("/ServiceRequest", serviceRequest("Patient/99", "2823-3"));
        assertThat(unknownPatient.getStatus()).isEqualTo(422);
        assertThat(unknownPatient.getContentAsByteArray()).asString().contains("Patient/99 does not exist");

        when(fhir.patients.find(7L)).thenReturn(Optional.of(Fixtures.jane()));
        when(fhir.catalog.orderable("9999-9")).thenReturn(Optional.empty());
        MockHttpServletResponse unknownCode = fhir.post("/ServiceRequest", serviceRequest("Patient/7", "9999-9"));
        assertThat(unknownCode.getStatus()).isEqualTo(422);
        assertThat(unknownCode.getContentAsByteArray()).asString()
                .contains("LOINC 9999-9 is not a test or panel in the lab's catalog");
        verify(fhir.orders, never()).place(any());
    }

    @Test
    void serviceRequestPlacesAnOrderWithPriorityProviderNotesAndRequisition() {
        when(fhir.patients.find(7L)).thenReturn(Optional.of(Fixtures.jane()));
        when(fhir.catalog.orderable("2823-3")).thenReturn(Optional.of(Fixtures.potassiumOrderable()));
        var order = Fixtures.order(41, OrderStatus.ACTIVE, Fixtures.item(50, "NA", "2951-2", "Sodium", "NA"),
                Fixtures.item(51, "K", "2823-3", "Potassium", "K"));
        when(fhir.orders.place(any())).thenReturn(order);

        MockHttpServletResponse response = fhir.post("/ServiceRequest", serviceRequest("Patient/7", "2823-3"));

        assertThat(response.getStatus()).isEqualTo(201);
        assertThat(response.getHeader("Location")).contains("/fhir/ServiceRequest/51");
        verify(fhir.orders).place(new NewOrder(7, List.of("K"), org.lavender.shared.Priority.STAT,
                "Dr. Gregory House", "Chest pain since 2 h", "REQ-1", "FHIR"));
    }

    @Test
    void aSubjectGivenByMrnIsResolvedAndAnUnknownMrnIs422() {
        when(fhir.patients.findByIdentifier("urn:lavender:mrn", "M000123")).thenReturn(Optional.of(Fixtures.jane()));
        when(fhir.patients.findByIdentifier("urn:lavender:mrn", "M999999")).thenReturn(Optional.empty());
        when(fhir.catalog.orderable("2823-3")).thenReturn(Optional.of(Fixtures.potassiumOrderable()));
        when(fhir.orders.place(any())).thenReturn(Fixtures.order(41, OrderStatus.ACTIVE,
                Fixtures.item(51, "K", "2823-3", "Potassium", "K")));
        String byMrn = serviceRequest("Patient/7", "2823-3").replace("{\"reference\": \"Patient/7\"}",
                "{\"identifier\": {\"system\": \"urn:lavender:mrn\", \"value\": \"%s\"}}");

        assertThat(fhir.post("/ServiceRequest", byMrn.formatted("M000123")).getStatus()).isEqualTo(201);
        MockHttpServletResponse unknown = fhir.post("/ServiceRequest", byMrn.formatted("M999999"));

        assertThat(unknown.getStatus()).isEqualTo(422);
        assertThat(unknown.getContentAsByteArray()).asString().contains("urn:lavender:mrn|M999999");
        verify(fhir.orders).place(any());
    }

    @Test
    void requisitionOfAnotherPatientIsRefused() {
        var other = Fixtures.jane();
        when(fhir.patients.find(8L)).thenReturn(Optional.of(new org.lavender.patients.Patient(8, "M000124",
                "Roe", "Richard", other.birthDate(), other.sex(), null, List.of(), 1)));
        when(fhir.catalog.orderable("2823-3")).thenReturn(Optional.of(Fixtures.potassiumOrderable()));
        when(fhir.orders.findByRequisition("REQ-1")).thenReturn(Optional.of(Fixtures.order(41, OrderStatus.ACTIVE,
                Fixtures.item(51, "K", "2823-3", "Potassium", "K"))));

        MockHttpServletResponse response = fhir.post("/ServiceRequest", serviceRequest("Patient/8", "2823-3"));

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsByteArray()).asString().contains("belongs to another patient");
        verify(fhir.orders, never()).place(any());
    }

    @Test
    void patientWithAFutureBirthDateIs422() {
        MockHttpServletResponse response = fhir.post("/Patient", """
                {"resourceType": "Patient", "name": [{"family": "Doe", "given": ["Baby"]}],
                 "birthDate": "2027-01-01", "gender": "female"}""");

        assertThat(response.getStatus()).isEqualTo(422);
        assertThat(response.getContentAsByteArray()).asString().contains("2027-01-01 is in the future");
        verifyNoInteractions(fhir.patients);
    }

    @Test
    void refusalsOfThePatientsModuleBecome422And409() {
        when(fhir.patients.register(any(NewPatient.class)))
                .thenThrow(new InvalidInputException("familyName", "Family name is too long"))
                .thenThrow(new ConflictException("MRN M000123 is already registered"));
        String patient = """
                {"resourceType": "Patient", "identifier": [{"system": "urn:lavender:mrn", "value": "M000123"}],
                 "name": [{"family": "Doe", "given": ["Jane"]}], "birthDate": "1980-05-17"}""";

        MockHttpServletResponse invalid = fhir.post("/Patient", patient);
        MockHttpServletResponse conflict = fhir.post("/Patient", patient);

        assertThat(invalid.getStatus()).isEqualTo(422);
        assertThat(FhirServerHarness.parse(invalid, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .isEqualTo("Family name is too long");
        assertThat(conflict.getStatus()).isEqualTo(409);
        assertThat(conflict.getContentAsByteArray()).asString().contains("MRN M000123 is already registered");
    }

    @Test
    void ifNoneExistReturnsTheRegisteredPatientInsteadOfADuplicate() {
        when(fhir.patients.findByIdentifier("urn:lavender:mrn", "M000123")).thenReturn(Optional.of(Fixtures.jane()));
        String patient = """
                {"resourceType": "Patient", "identifier": [{"system": "urn:lavender:mrn", "value": "M000123"}],
                 "name": [{"family": "Doe", "given": ["Jane"]}], "birthDate": "1980-05-17"}""";

        MockHttpServletResponse response = fhir.call("POST", "/Patient", patient,
                "If-None-Exist", "identifier=urn:lavender:mrn%7CM000123");

        assertThat(response.getStatus()).isEqualTo(200);
        assertThat(FhirServerHarness.parse(response, org.hl7.fhir.r4.model.Patient.class).getIdElement().getIdPart())
                .isEqualTo("7");
        verify(fhir.patients, never()).register(any());
    }

    @Test
    void unknownOrNonNumericIdsAre404() {
        when(fhir.patients.find(12345L)).thenReturn(Optional.empty());

        assertThat(fhir.get("/Patient/12345").getStatus()).isEqualTo(404);
        assertThat(fhir.get("/Patient/abc").getStatus()).isEqualTo(404);
        assertThat(fhir.get("/Observation/abc").getStatus()).isEqualTo(404);
    }

    @Test
    void anUnexpectedFailureIs500WithAnIncidentNumberAndNoStackTrace() {
        when(fhir.patients.find(7L)).thenThrow(new IllegalStateException("connection pool exhausted"));

        MockHttpServletResponse response = fhir.get("/Patient/7");

        assertThat(response.getStatus()).isEqualTo(500);
        String diagnostics = FhirServerHarness.parse(response, OperationOutcome.class).getIssueFirstRep()
                .getDiagnostics();
        assertThat(diagnostics).contains("incident").doesNotContain("IllegalStateException", "pool", "at org.");
    }

    @Test
    void aPhysicianMayReadButNotCreate() {
        FhirServerHarness.signIn("dr.house", "PHYSICIAN");
        when(fhir.patients.find(7L)).thenReturn(Optional.of(Fixtures.jane()));

        assertThat(fhir.get("/Patient/7").getStatus()).isEqualTo(200);
        MockHttpServletResponse create = fhir.post("/ServiceRequest", serviceRequest("Patient/7", "2823-3"));

        assertThat(create.getStatus()).isEqualTo(403);
        assertThat(FhirServerHarness.parse(create, OperationOutcome.class).getIssueFirstRep().getDiagnostics())
                .contains("dr.house", "SYSTEM, TECHNICIAN or ADMIN");
        verifyNoInteractions(fhir.orders);
    }

    @Test
    void withoutAnAuthenticatedUserNothingIsAnswered() {
        FhirServerHarness.signOut();

        assertThat(fhir.get("/Patient/7").getStatus()).isEqualTo(401);
        verifyNoInteractions(fhir.patients);
    }

    @Test
    void searchPagesByKeysetWithANextLinkAndNoInventedTotal() {
        when(fhir.patients.search(eq(new PatientQuery(null, null, "doe", null)), isNull(), eq(2)))
                .thenReturn(new Slice<>(List.of(Fixtures.jane()), "7"));

        MockHttpServletResponse response = fhir.get("/Patient?name=doe&_count=2");

        assertThat(response.getStatus()).isEqualTo(200);
        Bundle bundle = FhirServerHarness.parse(response, Bundle.class);
        assertThat(bundle.hasTotal()).isFalse();
        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(bundle.getLink("next").getUrl()).contains("name=doe", "_count=2", "_cursor=7");
    }

    @Test
    void aSearchAnsweredInOnePageCarriesItsTotal() {
        when(fhir.patients.search(any(), isNull(), eq(20))).thenReturn(new Slice<>(List.of(Fixtures.jane()), null));

        Bundle bundle = FhirServerHarness.parse(fhir.get("/Patient?identifier=urn:lavender:mrn%7CM000123"),
                Bundle.class);

        assertThat(bundle.getTotal()).isEqualTo(1);
        assertThat(bundle.getLink("next")).isNull();
        verify(fhir.patients).search(new PatientQuery("M000123", "urn:lavender:mrn", null, null), null, 20);
    }

    @Test
    void searchRefusesUnsupportedModifiersWith400() {
        assertThat(fhir.get("/Patient?birthdate=gt1980-01-01").getStatus()).isEqualTo(400);
        assertThat(fhir.get("/Patient?name:contains=oe").getStatus()).isEqualTo(400);
        assertThat(fhir.get("/Observation?status=bogus").getStatus()).isEqualTo(400);
        verify(fhir.patients, never()).search(any(), any(), anyInt());
    }

    static String serviceRequest(String subject, String loinc) {
        return """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "order", "priority": "stat",
                 "subject": {"reference": "%s"},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "%s"}]},
                 "requester": {"display": "Dr. Gregory House"},
                 "note": [{"text": "Chest pain since 2 h"}],
                 "requisition": {"system": "urn:oid:1.2.3", "value": "REQ-1"}}""".formatted(subject, loinc);
    }
}
