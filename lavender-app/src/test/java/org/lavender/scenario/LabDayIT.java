package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditLog;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A lab's day, end to end over real HTTP: the EHR registers a patient and orders a STAT basic metabolic panel by
 * FHIR; the tube gets an accession and a ZPL label; it is received; a technologist enters results that flag H and
 * LL/HH; a verifier releases them; the EHR reads final Observations with their interpretation; a correction keeps
 * the released value in the history. At each step somebody without the right gets 401 or 403.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabDayIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    @BeforeAll
    void people() {
        create("labday-ehr", Role.SYSTEM);
        create("labday-tech", Role.TECHNICIAN);
        create("labday-verifier", Role.VERIFIER);
        create("labday-doc", Role.PHYSICIAN);
    }

    @Test
    void fromFhirOrderToCorrectedObservation() {
        RestClient ehr = as("labday-ehr");
        RestClient tech = as("labday-tech");
        RestClient verifier = as("labday-verifier");
        RestClient doctor = as("labday-doc");
        RestClient nobody = RestClient.builder().baseUrl(base()).build();

        // 1. The EHR registers the patient (a 40-year-old man, so adult potassium limits apply).
        String patientJson = """
                {"resourceType":"Patient","identifier":[{"system":"urn:oid:1.2.3.4.5","value":"EHR-4711"}],
                 "name":[{"family":"Day","given":["Larry"]}],"gender":"male","birthDate":"1986-03-14"}""";
        assertThat(status(nobody.post().uri("/fhir/Patient").contentType(FHIR_JSON).body(patientJson))).isEqualTo(401);
        assertThat(status(doctor.post().uri("/fhir/Patient").contentType(FHIR_JSON).body(patientJson))).isEqualTo(403);
        JsonNode patient = json(ehr.post().uri("/fhir/Patient").contentType(FHIR_JSON).body(patientJson));
        String patientId = patient.get("id").asString();

        // 2. A STAT basic metabolic panel (LOINC 51990-0) is ordered as a ServiceRequest.
        String requestJson = """
                {"resourceType":"ServiceRequest","status":"active","intent":"order","priority":"stat",
                 "requisition":{"system":"urn:oid:1.2.3.4.6","value":"REQ-LABDAY-1"},
                 "code":{"coding":[{"system":"http://loinc.org","code":"51990-0"}]},
                 "subject":{"reference":"Patient/%s"},"requester":{"display":"Dr. Emergency"}}"""
                .formatted(patientId);
        assertThat(status(doctor.post().uri("/fhir/ServiceRequest").contentType(FHIR_JSON).body(requestJson)))
                .isEqualTo(403);
        String serviceRequestId = json(ehr.post().uri("/fhir/ServiceRequest").contentType(FHIR_JSON)
                .body(requestJson)).get("id").asString();

        // 3. The order became a tube with an accession, printed as a Code 128 ZPL label.
        JsonNode specimens = json(ehr.get().uri("/fhir/Specimen?request=ServiceRequest/" + serviceRequestId));
        assertThat(specimens.get("total").asInt()).isEqualTo(1);
        String accession = specimens.get("entry").get(0).get("resource").get("accessionIdentifier").get("value")
                .asString();
        String zpl = tech.get().uri("/specimens/" + accession + "/label.zpl").retrieve().body(String.class);
        assertThat(zpl).startsWith("^XA").contains("^BC").contains(accession).contains("DAY");

        // 4. The tube is scanned in at the lab (a physician may not receive tubes).
        assertThat(status(doctor.post().uri("/api/specimens/" + accession + "/receive"))).isEqualTo(403);
        assertThat(status(tech.post().uri("/api/specimens/" + accession + "/receive"))).isEqualTo(200);

        // 5. The bench enters the panel: potassium 6.8 is critical high, glucose 45 critical low, sodium 147 high.
        Map<String, JsonNode> bench = eventually(() -> pendingResults(tech, serviceRequestId), 8);
        Map<String, String> values = Map.of("2823-3", "6.8", "2345-7", "45", "2951-2", "147", "2075-0", "101",
                "2028-9", "25", "3094-0", "14", "2160-0", "1.0", "17861-6", "9.4");
        String potassiumId = bench.get("2823-3").get("id").asString();
        assertThat(status(doctor.post().uri("/api/results/" + potassiumId + "/value")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "6.8")))).isEqualTo(403);
        assertThat(status(tech.post().uri("/api/results/" + potassiumId + "/value")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "six")))).isEqualTo(422);
        values.forEach((loinc, value) -> tech.post().uri("/api/results/" + bench.get(loinc).get("id").asString()
                + "/value").contentType(MediaType.APPLICATION_JSON).body(Map.of("value", value)).retrieve().toBodilessEntity());
        Map<String, JsonNode> entered = pendingResults(tech, serviceRequestId);
        assertThat(entered.get("2823-3").get("interpretation").asString()).isEqualTo("HH");
        assertThat(entered.get("2345-7").get("interpretation").asString()).isEqualTo("LL");
        assertThat(entered.get("2951-2").get("interpretation").asString()).isEqualTo("H");
        assertThat(entered.get("2075-0").get("interpretation").asString()).isEqualTo("N");
        assertThat(entered.values()).allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("PRELIMINARY"));

        // Nothing reaches the provider before verification.
        JsonNode early = json(ehr.get().uri("/fhir/Observation?based-on=ServiceRequest/" + serviceRequestId
                + "&status=final"));
        assertThat(early.get("total").asInt()).isZero();

        // 6. A verifier releases them (the technician may not).
        List<String> ids = entered.values().stream().map(r -> r.get("id").asString()).toList();
        assertThat(status(tech.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", ids)))).isEqualTo(403);
        assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", ids)))).isEqualTo(200);

        // 7. The EHR reads the final potassium with its interpretation and reference range.
        JsonNode potassium = observation(ehr, serviceRequestId, "2823-3");
        assertThat(potassium.get("status").asString()).isEqualTo("final");
        assertThat(potassium.get("valueQuantity").get("value").decimalValue()).isEqualByComparingTo("6.8");
        assertThat(potassium.get("valueQuantity").get("system").asString()).isEqualTo("http://unitsofmeasure.org");
        assertThat(potassium.get("valueQuantity").get("code").asString()).isEqualTo("mmol/L");
        JsonNode interpretation = potassium.get("interpretation").get(0).get("coding").get(0);
        assertThat(interpretation.get("system").asString())
                .isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        assertThat(interpretation.get("code").asString()).isEqualTo("HH");
        assertThat(potassium.get("referenceRange").get(0).get("low").get("value").decimalValue())
                .isEqualByComparingTo("3.5");

        // Every test released: the order is complete, and the EHR sees its request completed.
        assertThat(eventuallyText(() -> json(ehr.get().uri("/fhir/ServiceRequest/" + serviceRequestId))
                .get("status").asString(), "completed")).isEqualTo("completed");

        // 8. The potassium was from a hemolysed draw: corrected with a reason, the released value kept.
        assertThat(status(tech.post().uri("/api/results/" + potassiumId + "/correction")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "4.4", "reason", "hemolysis")))).isEqualTo(403);
        assertThat(status(verifier.post().uri("/api/results/" + potassiumId + "/correction")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "4.4")))).isEqualTo(422);
        verifier.post().uri("/api/results/" + potassiumId + "/correction").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "4.4", "reason", "Hemolysed draw; recollected specimen repeated"))
                .retrieve().toBodilessEntity();
        JsonNode corrected = observation(ehr, serviceRequestId, "2823-3");
        assertThat(corrected.get("status").asString()).isEqualTo("corrected");
        assertThat(corrected.get("interpretation").get(0).get("coding").get(0).get("code").asString()).isEqualTo("N");
        JsonNode revisions = json(verifier.get().uri("/api/results/" + potassiumId + "/revisions"));
        assertThat(revisions.get(revisions.size() - 1).get("valueText").asString()).isEqualTo("6.8");
        assertThat(revisions.get(revisions.size() - 1).get("reason").asString()).contains("Hemolysed");

        // The physician reads released results only; the audit chain is intact.
        assertThat(json(doctor.get().uri("/api/results?patientId=" + entered.get("2823-3").get("patientId").asString()))
                .get("items")).allSatisfy(r -> assertThat(r.get("status").asString()).isIn("FINAL", "CORRECTED"));
        assertThat(audit.verifyChain().problem()).isNull();
    }

    private Map<String, JsonNode> pendingResults(RestClient client, String serviceRequestId) {
        JsonNode page = json(client.get().uri("/api/results?orderItemId=" + serviceRequestId + "&size=100"));
        var byLoinc = new java.util.TreeMap<String, JsonNode>();
        page.get("items").forEach(r -> byLoinc.put(r.get("loinc").asString(), r));
        return byLoinc;
    }

    private JsonNode observation(RestClient client, String serviceRequestId, String loinc) {
        JsonNode bundle = json(client.get().uri("/fhir/Observation?based-on=ServiceRequest/" + serviceRequestId
                + "&code=http://loinc.org|" + loinc));
        assertThat(bundle.get("total").asInt()).isEqualTo(1);
        return bundle.get("entry").get(0).get("resource");
    }

    private static String eventuallyText(Supplier<String> probe, String expected) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        String value = probe.get();
        while (!expected.equals(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = probe.get();
        }
        return value;
    }

    private static Map<String, JsonNode> eventually(Supplier<Map<String, JsonNode>> probe, int expectedSize) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Map<String, JsonNode> value = probe.get();
        while (value.size() < expectedSize && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            value = probe.get();
        }
        assertThat(value).hasSize(expectedSize);
        return value;
    }

    private static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");

    private void create(String username, Role role) {
        ItSupport.ensureUser(staff, username, role);
    }

    private RestClient as(String username) {
        return ItSupport.as(port, username);
    }

    private String base() {
        return "http://localhost:" + port;
    }

}
