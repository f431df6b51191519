package org.lavender.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Specimen;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.specimens.Specimens;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;

/**
 * The FHIR interface over real HTTP, through Spring Security, on the real patients, orders, specimens, results and
 * catalog modules: what an EHR integration does on its first day.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FhirIT {

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    @LocalServerPort int port;
    @Autowired FhirContext fhirContext;
    @Autowired StaffDirectory staff;
    @Autowired Specimens specimens;
    @Autowired Results results;

    private RestClient admin;
    private RestClient physician;

    @BeforeAll
    void clients() {
        if (!staff.exists("fhir-physician")) {
            staff.create("fhir-physician", "Dr. Fhir Reader", "fhir-physician-pass", EnumSet.of(Role.PHYSICIAN));
        }
        admin = client("admin", "admin-test-pass");
        physician = client("fhir-physician", "fhir-physician-pass");
    }

    @Test
    void capabilityStatementInJsonAndXml() {
        Answer json = call(admin.get().uri("/fhir/metadata"));
        assertThat(json.status()).isEqualTo(200);
        CapabilityStatement capabilities = parse(json, CapabilityStatement.class);
        assertThat(capabilities.getRestFirstRep().getResource()).extracting(r -> r.getType())
                .contains("Patient", "ServiceRequest", "Specimen", "Observation", "DiagnosticReport");

        Answer xml = call(admin.get().uri("/fhir/metadata?_format=xml"));
        assertThat(xml.status()).isEqualTo(200);
        assertThat(xml.contentType()).contains("xml");
        assertThat(fhirContext.newXmlParser().parseResource(CapabilityStatement.class, xml.body()).getFhirVersion()
                .toCode()).isEqualTo("4.0.1");
    }

    @Test
    void patientIsCreatedReadAndFoundByIdentifierNameAndBirthDate() {
        String mrn = "EHR-" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = post(admin, "/fhir/Patient", patientJson(mrn, "Fhirsmith", "2001-02-03"));

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.location()).contains("/fhir/Patient/");
        Patient patient = parse(created, Patient.class);
        String id = patient.getIdElement().getIdPart();

        Patient read = parse(call(physician.get().uri("/fhir/Patient/" + id)), Patient.class);
        assertThat(read.getNameFirstRep().getFamily()).isEqualTo("Fhirsmith");
        assertThat(read.getBirthDateElement().getValueAsString()).isEqualTo("2001-02-03");
        assertThat(read.getIdentifier()).anySatisfy(i -> {
            assertThat(i.getSystem()).isEqualTo("urn:oid:1.2.3.4.99");
            assertThat(i.getValue()).isEqualTo(mrn);
        });

        assertThat(ids(search("/fhir/Patient?identifier=urn:oid:1.2.3.4.99|" + mrn))).containsExactly(id);
        assertThat(ids(search("/fhir/Patient?identifier=" + mrn))).containsExactly(id);
        assertThat(ids(search("/fhir/Patient?name=fhirsm&birthdate=2001-02-03"))).containsExactly(id);
        assertThat(ids(search("/fhir/Patient?name=fhirsm&birthdate=2001-02-04"))).isEmpty();
        assertThat(call(admin.get().uri("/fhir/Patient/999999999")).status()).isEqualTo(404);
    }

    @Test
    void serviceRequestsSharingARequisitionBecomeOneOrderWithOneTubePerContainer() {
        String patientId = newPatient();
        String requisition = "REQ-" + UUID.randomUUID().toString().substring(0, 8);

        Answer potassium = post(admin, "/fhir/ServiceRequest", serviceRequest(patientId, "2823-3", requisition));
        Answer sodium = post(admin, "/fhir/ServiceRequest", serviceRequest(patientId, "2951-2", requisition));

        assertThat(potassium.status()).as(potassium.body()).isEqualTo(201);
        assertThat(sodium.status()).as(sodium.body()).isEqualTo(201);
        ServiceRequest k = parse(potassium, ServiceRequest.class);
        ServiceRequest na = parse(sodium, ServiceRequest.class);
        assertThat(k.getIdElement().getIdPart()).isNotEqualTo(na.getIdElement().getIdPart());
        assertThat(orderNumber(k)).isEqualTo(orderNumber(na));
        assertThat(k.getPriority().toCode()).isEqualTo("stat");
        assertThat(k.getRequester().getDisplay()).isEqualTo("Dr. Gregory House");
        assertThat(k.getRequisition().getValue()).isEqualTo(requisition);

        Bundle byRequisition = search("/fhir/ServiceRequest?requisition=" + requisition);
        assertThat(ids(byRequisition)).containsExactlyInAnyOrder(k.getIdElement().getIdPart(),
                na.getIdElement().getIdPart());
        assertThat(ids(search("/fhir/ServiceRequest?patient=Patient/" + patientId + "&code=http://loinc.org|2823-3")))
                .containsExactly(k.getIdElement().getIdPart());
        assertThat(ids(search("/fhir/ServiceRequest?subject=Patient/" + patientId + "&priority=stat"))).hasSize(2);

        // Potassium and sodium share the gold SST: one tube, one accession, serving both requests.
        Specimen forK = onlySpecimen(search("/fhir/Specimen?request=ServiceRequest/" + k.getIdElement().getIdPart()));
        Specimen forNa = onlySpecimen(search("/fhir/Specimen?request=ServiceRequest/"
                + na.getIdElement().getIdPart()));
        assertThat(forK.getAccessionIdentifier().getValue()).isNotBlank()
                .isEqualTo(forNa.getAccessionIdentifier().getValue());
        assertThat(forK.getRequest()).extracting(r -> r.getReference()).containsExactlyInAnyOrder(
                "ServiceRequest/" + k.getIdElement().getIdPart(), "ServiceRequest/" + na.getIdElement().getIdPart());
        assertThat(forK.getSubject().getReference()).isEqualTo("Patient/" + patientId);
        assertThat(ids(search("/fhir/Specimen?accession=" + forK.getAccessionIdentifier().getValue())))
                .containsExactly(forK.getIdElement().getIdPart());

        // Nothing measured yet: no Observations, and the order's report is only registered.
        Bundle observations = search("/fhir/Observation?based-on=ServiceRequest/" + k.getIdElement().getIdPart());
        assertThat(observations.getTotal()).isZero();
        Bundle reports = search("/fhir/DiagnosticReport?based-on=ServiceRequest/" + k.getIdElement().getIdPart());
        DiagnosticReport report = (DiagnosticReport) reports.getEntryFirstRep().getResource();
        assertThat(report.getStatus().toCode()).isEqualTo("registered");
        assertThat(report.getBasedOn()).hasSize(2);
        assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("11502-2");
        assertThat(report.getPresentedFormFirstRep().getContentType()).isEqualTo("application/pdf");
        assertThat(report.getPresentedFormFirstRep().getUrl()).startsWith("http://localhost:")
                .endsWith("/pdf").contains("/reports/orders/");
    }

    @Test
    void observationsAndTheReportFollowTheResultFromEntryToVerification() {
        String patientId = newPatient();
        ServiceRequest request = parse(post(admin, "/fhir/ServiceRequest", serviceRequest(patientId, "2823-3", null)),
                ServiceRequest.class);
        String requestId = request.getIdElement().getIdPart();
        String accession = onlySpecimen(search("/fhir/Specimen?request=ServiceRequest/" + requestId))
                .getAccessionIdentifier().getValue();
        as("fhir-tech", "TECHNICIAN", () -> specimens.receive(accession));
        LabResult pending = pendingResult(Long.parseLong(requestId));
        DiagnosticReport registered = onlyReport(requestId);
        assertThat(registered.getStatus().toCode()).isEqualTo("registered");
        assertThat(search("/fhir/Observation?based-on=ServiceRequest/" + requestId).getTotal()).isZero();

        // Potassium 5.6 mmol/L is above the adult interval 3.5–5.1: H, waiting for verification.
        as("fhir-tech", "TECHNICIAN", () -> results.enter(pending.id(), "5.6", null));
        Observation preliminary = onlyObservation("/fhir/Observation?based-on=ServiceRequest/" + requestId
                + "&code=http://loinc.org|2823-3");
        assertThat(preliminary.getStatus().toCode()).isEqualTo("preliminary");
        assertThat(preliminary.getValueQuantity().getValue()).isEqualByComparingTo("5.6");
        assertThat(preliminary.getValueQuantity().getCode()).isEqualTo("mmol/L");
        assertThat(preliminary.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(preliminary.getSpecimen().getDisplay()).isEqualTo(accession);
        assertThat(search("/fhir/Observation?patient=Patient/" + patientId + "&status=final").getTotal()).isZero();
        assertThat(onlyReport(requestId).getStatus().toCode()).isEqualTo("partial");

        as("fhir-verifier", "VERIFIER", () -> results.verify(List.of(pending.id())));
        Observation released = onlyObservation("/fhir/Observation?patient=Patient/" + patientId + "&status=final");
        assertThat(released.getIdElement().getIdPart()).isEqualTo(String.valueOf(pending.id()));
        assertThat(released.getIssued()).isNotNull();
        assertThat(released.getEffectiveDateTimeType().getValue()).isNotNull();
        DiagnosticReport report = onlyReport(requestId);
        assertThat(report.getStatus().toCode()).isEqualTo("final");
        assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("2823-3");
        assertThat(report.getResult()).extracting(r -> r.getReference())
                .containsExactly("Observation/" + pending.id());
        Answer read = call(physician.get().uri("/fhir/DiagnosticReport/" + report.getIdElement().getIdPart()));
        assertThat(read.status()).isEqualTo(200);
    }

    @Test
    void badResourcesGet400Or422WithAnOperationOutcomeAndNothingIsStored() {
        String patientId = newPatient();

        Answer unparseable = post(admin, "/fhir/Patient", "{\"resourceType\": \"Patient\", \"name\": [");
        assertThat(unparseable.status()).isEqualTo(400);
        assertThat(diagnostics(unparseable)).contains("parse");

        Answer misspelt = post(admin, "/fhir/ServiceRequest", serviceRequest(patientId, "2823-3", "R-1")
                .replace("\"priority\"", "\"priorty\""));
        assertThat(misspelt.status()).isEqualTo(400);

        Answer future = post(admin, "/fhir/Patient", patientJson("FUT-" + UUID.randomUUID(), "Future", "2999-01-01"));
        assertThat(future.status()).isEqualTo(422);
        assertThat(diagnostics(future)).contains("future");

        Answer unknownLoinc = post(admin, "/fhir/ServiceRequest", serviceRequest(patientId, "99999-9", null));
        assertThat(unknownLoinc.status()).isEqualTo(422);
        assertThat(diagnostics(unknownLoinc)).contains("LOINC 99999-9");

        Answer unknownSubject = post(admin, "/fhir/ServiceRequest", serviceRequest("987654321", "2823-3", null));
        assertThat(unknownSubject.status()).isEqualTo(422);
        assertThat(diagnostics(unknownSubject)).contains("Patient/987654321 does not exist");

        Answer noSubject = post(admin, "/fhir/ServiceRequest", """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "order",
                 "code": {"coding": [{"system": "http://loinc.org", "code": "2823-3"}]}}""");
        assertThat(noSubject.status()).isEqualTo(422);
        assertThat(diagnostics(noSubject)).contains("ServiceRequest.subject is required");

        assertThat(search("/fhir/ServiceRequest?subject=Patient/" + patientId).getEntry()).isEmpty();
    }

    @Test
    void withoutCredentials401AndAPhysicianReadsButMayNotOrder() {
        RestClient anonymous = RestClient.builder().baseUrl("http://localhost:" + port).build();
        assertThat(call(anonymous.get().uri("/fhir/Patient?name=a")).status()).isEqualTo(401);
        // The CapabilityStatement is public: clients read it before they authenticate.
        assertThat(call(anonymous.get().uri("/fhir/metadata")).status()).isEqualTo(200);
        // The same client again: a 401 on the API leaves no session cookie behind, so no CSRF 403 either.
        Answer anonymousCreate = post(anonymous, "/fhir/Patient",
                patientJson("ANON-1", "Nobody", "1990-01-01"));
        assertThat(anonymousCreate.status()).as(anonymousCreate.body()).isEqualTo(401);
        assertThat(search("/fhir/Patient?identifier=urn:oid:1.2.3.4.99|ANON-1").getEntry()).isEmpty();

        String patientId = newPatient();
        assertThat(call(physician.get().uri("/fhir/Patient/" + patientId)).status()).isEqualTo(200);
        assertThat(call(physician.get().uri("/fhir/Observation?patient=Patient/" + patientId)).status())
                .isEqualTo(200);
        Answer refused = post(physician, "/fhir/ServiceRequest", serviceRequest(patientId, "2823-3", null));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(diagnostics(refused)).contains("SYSTEM, TECHNICIAN or ADMIN");
        assertThat(search("/fhir/ServiceRequest?subject=Patient/" + patientId).getEntry()).isEmpty();
    }

    private LabResult pendingResult(long orderItemId) {
        var query = new ResultQuery(null, null, null, orderItemId, null, EnumSet.of(ResultStatus.PENDING));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<LabResult> found = results.search(query, null, 10).items();
        while (found.isEmpty() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            found = results.search(query, null, 10).items();
        }
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private Observation onlyObservation(String uri) {
        Bundle bundle = search(uri);
        assertThat(bundle.getEntry()).hasSize(1);
        return (Observation) bundle.getEntryFirstRep().getResource();
    }

    private DiagnosticReport onlyReport(String serviceRequestId) {
        Bundle bundle = search("/fhir/DiagnosticReport?based-on=ServiceRequest/" + serviceRequestId);
        assertThat(bundle.getEntry()).hasSize(1);
        return (DiagnosticReport) bundle.getEntryFirstRep().getResource();
    }

    /** Module calls as a signed-in lab person (the API checks roles and records who did it). */
    private static void as(String user, String role, Runnable work) {
        var token = new TestingAuthenticationToken(user, "n/a", "ROLE_" + role);
        SecurityContextHolder.getContext().setAuthentication(token);
        try {
            work.run();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private String newPatient() {
        Answer created = post(admin, "/fhir/Patient", patientJson("P-" + UUID.randomUUID(), "Ordertest", "1975-06-30"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return parse(created, Patient.class).getIdElement().getIdPart();
    }

    private static String patientJson(String identifier, String family, String birthDate) {
        return """
                {"resourceType": "Patient", "identifier": [{"system": "urn:oid:1.2.3.4.99", "value": "%s"}],
                 "name": [{"family": "%s", "given": ["Tess"]}], "gender": "female", "birthDate": "%s"}"""
                .formatted(identifier, family, birthDate);
    }

    private static String serviceRequest(String patientId, String loinc, String requisition) {
        String requisitionJson = requisition == null ? ""
                : ", \"requisition\": {\"system\": \"urn:oid:1.2.3.4.98\", \"value\": \"" + requisition + "\"}";
        return """
                {"resourceType": "ServiceRequest", "status": "active", "intent": "order", "priority": "stat",
                 "subject": {"reference": "Patient/%s"},
                 "code": {"coding": [{"system": "http://loinc.org", "code": "%s"}]},
                 "requester": {"display": "Dr. Gregory House"},
                 "note": [{"text": "Chest pain"}]%s}""".formatted(patientId, loinc, requisitionJson);
    }

    private static String orderNumber(ServiceRequest request) {
        return request.getIdentifier().stream().filter(i -> "urn:lavender:order".equals(i.getSystem()))
                .findFirst().orElseThrow().getValue();
    }

    private static Specimen onlySpecimen(Bundle bundle) {
        assertThat(bundle.getEntry()).hasSize(1);
        return (Specimen) bundle.getEntryFirstRep().getResource();
    }

    private Bundle search(String uri) {
        Answer answer = call(admin.get().uri(uri));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return parse(answer, Bundle.class);
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(BundleEntryComponent::getResource)
                .map(r -> r.getIdElement().getIdPart()).toList();
    }

    private String diagnostics(Answer answer) {
        return parse(answer, OperationOutcome.class).getIssueFirstRep().getDiagnostics();
    }

    private <T extends IBaseResource> T parse(Answer answer, Class<T> type) {
        return fhirContext.newJsonParser().parseResource(type, answer.body());
    }

    private Answer post(RestClient client, String uri, String body) {
        return call(client.post().uri(uri).contentType(FHIR_JSON).body(body));
    }

    private static Answer call(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, res) -> new Answer(res.getStatusCode().value(),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
                res.getHeaders().getFirst(HttpHeaders.LOCATION),
                String.valueOf(res.getHeaders().getContentType())));
    }

    private RestClient client(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private record Answer(int status, String body, String location, String contentType) {
    }
}
