package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
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
 * Result intelligence at the bench: a critical potassium opens a call task that is documented with read-back; a
 * creatinine that jumped since yesterday is held with the delta reason beside the previous value; eGFR appears with
 * creatinine and follows its correction; a clean basic metabolic panel releases itself and reaches FHIR as final.
 * Chemistry autoverification is switched on for this class and off again afterwards.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultIntelligenceIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    private RestClient admin;
    private RestClient tech;
    private Bench lab;
    private RestClient verifier;

    @BeforeAll
    void setUp() {
        create("ri-tech", Role.TECHNICIAN);
        create("ri-verifier", Role.VERIFIER);
        create("ri-ehr", Role.SYSTEM);
        admin = RestClient.builder().baseUrl(base()).defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass"))
                .build();
        tech = as("ri-tech");
        lab = new Bench(admin, tech);
        verifier = as("ri-verifier");
        assertThat(status(tech.put().uri("/api/results/autoverification/scopes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scopeType", "SECTION", "code", "CHEM", "enabled", true)))).isEqualTo(403);
        assertThat(status(admin.put().uri("/api/results/autoverification/scopes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scopeType", "SECTION", "code", "NOPE", "enabled", true)))).isEqualTo(422);
        switchChemistry(true);
    }

    @AfterAll
    void tearDown() {
        switchChemistry(false);
    }

    @Test
    void criticalPotassiumOpensACallTaskDocumentedWithReadBack() {
        long patient = lab.patient("1986-03-14", "M");
        Map<String, JsonNode> bench = lab.receive(lab.order(patient, "K"), 1);
        String potassium = bench.get("2823-3").get("id").asString();
        lab.enter(potassium, "6.8");

        JsonNode held = lab.result(potassium);
        assertThat(held.get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(lab.intelligence(potassium).get("checks").get("heldReasons").asString()).contains("critical HH");

        JsonNode call = eventually(() -> lab.callFor(potassium), c -> c != null);
        assertThat(call.get("status").asString()).isEqualTo("OPEN");
        assertThat(call.get("valueText").asString()).isEqualTo("6.8");
        assertThat(Duration.between(java.time.Instant.parse(call.get("detectedAt").asString()),
                java.time.Instant.parse(call.get("deadline").asString()))).isEqualTo(Duration.ofMinutes(30));
        String callId = call.get("id").asString();
        String queue = tech.get().uri("/results/critical").retrieve().body(String.class);
        assertThat(queue).contains(held.get("accession").asString()).contains("Potassium").contains("Log call");

        // Reached without saying whether the result was read back: refused, nothing stored.
        assertThat(status(tech.post().uri("/api/results/critical-calls/" + callId + "/attempts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("recipient", "RN Ward 4", "contact", "x4411", "reached", true)))).isEqualTo(422);
        JsonNode noAnswer = json(tech.post().uri("/api/results/critical-calls/" + callId + "/attempts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("recipient", "Dr. Emergency", "contact", "pager 555", "reached", false)));
        assertThat(noAnswer.get("status").asString()).isEqualTo("OPEN");
        JsonNode done = json(tech.post().uri("/api/results/critical-calls/" + callId + "/attempts")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("recipient", "RN Jones, Ward 4", "contact", "x4411", "reached", true, "readBack", true)));
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("completedBy").asString()).isEqualTo("ri-tech");
        assertThat(done.get("attempts")).hasSize(2);
        assertThat(lab.callFor(potassium)).isNull();
        String detail = tech.get().uri("/results/" + potassium).retrieve().body(String.class);
        assertThat(detail).contains("Critical call: DONE").contains("RN Jones, Ward 4").contains("read back")
                .contains("critical HH: call the provider");
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void aCreatinineDeltaFailureHoldsTheResultWithItsReason() {
        long patient = lab.patient("1966-05-01", "M");
        Map<String, JsonNode> first = lab.receive(lab.order(patient, "CREA"), 1);
        String earlier = first.get("2160-0").get("id").asString();
        lab.enter(earlier, "0.8");
        assertThat(lab.result(earlier).get("status").asString()).isEqualTo("FINAL");
        assertThat(lab.result(earlier).get("verifiedBy").asString()).isEqualTo("autoverification");

        Map<String, JsonNode> second = lab.receive(lab.order(patient, "CREA"), 1);
        String later = second.get("2160-0").get("id").asString();
        lab.enter(later, "1.3");
        assertThat(lab.result(later).get("status").asString()).isEqualTo("PRELIMINARY");
        JsonNode checks = lab.intelligence(later).get("checks");
        assertThat(checks.get("deltaFailed").asBoolean()).isTrue();
        assertThat(checks.get("deltaText").asString()).startsWith("delta creatinine +62.5 % in 0 h > 50 %");
        assertThat(checks.get("deltaPreviousValue").asString()).isEqualTo("0.8");
        assertThat(checks.get("autoverification").asString()).isEqualTo("HELD");
        assertThat(checks.get("heldReasons").asString()).contains("delta creatinine +62.5 %");
        JsonNode rules = lab.intelligence(later).get("rules");
        assertThat(rules).hasSize(10);
        assertThat(rules.get(1).get("detail").asString()).contains("calibration: no analyzer (entered by hand)");

        String page = verifier.get().uri("/results/verification?section=CHEM").retrieve().body(String.class);
        assertThat(page).contains("delta creatinine +62.5 %").contains("held");

        // The eGFR from the held creatinine waits for it; once a person releases the creatinine, the eGFR follows.
        String egfr = lab.byLoinc(second.get("2160-0").get("orderId").asString()).get("98979-8").get("id").asString();
        assertThat(lab.intelligence(egfr).get("checks").get("heldReasons").asString())
                .isEqualTo("inputs not released: creatinine");
        verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", java.util.List.of(later))).retrieve().toBodilessEntity();
        assertThat(lab.result(egfr).get("status").asString()).isEqualTo("FINAL");
        assertThat(lab.result(egfr).get("verifiedBy").asString()).isEqualTo("autoverification");
    }

    @Test
    void egfrAppearsWithCreatinineAndFollowsItsCorrection() {
        long patient = lab.patient(java.time.LocalDate.now().minusYears(55).minusDays(10).toString(), "M");
        Map<String, JsonNode> bench = lab.receive(lab.order(patient, "CREA"), 1);
        String creatinine = bench.get("2160-0").get("id").asString();
        String orderId = bench.get("2160-0").get("orderId").asString();
        lab.enter(creatinine, "1.2");

        JsonNode egfr = lab.byLoinc(orderId).get("98979-8");
        assertThat(egfr).isNotNull();
        assertThat(egfr.get("valueText").asString()).isEqualTo("71");
        assertThat(egfr.get("unit").asString()).isEqualTo("mL/min/{1.73_m2}");
        assertThat(egfr.get("resultedBy").asString()).isEqualTo("calculation");
        assertThat(egfr.get("status").asString()).isEqualTo("FINAL");
        String egfrId = egfr.get("id").asString();
        assertThat(status(tech.post().uri("/api/results/" + egfrId + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "80")))).isEqualTo(409);

        verifier.post().uri("/api/results/" + creatinine + "/correction").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "1.5", "reason", "Wrong sample position on the analyzer")).retrieve()
                .toBodilessEntity();
        JsonNode recalculated = lab.result(egfrId);
        assertThat(recalculated.get("valueText").asString()).isEqualTo("55");
        assertThat(recalculated.get("status").asString()).isEqualTo("CORRECTED");
        JsonNode revisions = json(verifier.get().uri("/api/results/" + egfrId + "/revisions"));
        JsonNode last = revisions.get(revisions.size() - 1);
        assertThat(last.get("valueText").asString()).isEqualTo("71");
        assertThat(last.get("changedBy").asString()).isEqualTo("calculation");
        assertThat(last.get("reason").asString()).contains("creatinine 1.5 was corrected");
    }

    @Test
    void aCleanBasicMetabolicPanelAutoverifiesAndReachesFhirAsFinal() {
        long patient = lab.patient("1981-02-02", "F");
        JsonNode order = lab.order(patient, "BMP");
        String serviceRequest = order.get("items").get(0).get("id").asString();
        Map<String, JsonNode> bench = lab.receive(order, 8);
        Map<String, String> values = Map.of("2345-7", "90", "3094-0", "14", "2160-0", "0.80", "2951-2", "140",
                "2823-3", "4.2", "2075-0", "104", "2028-9", "25", "17861-6", "9.4");
        values.forEach((loinc, value) -> lab.enter(bench.get(loinc).get("id").asString(), value));

        Map<String, JsonNode> released = lab.byLoinc(bench.get("2823-3").get("orderId").asString());
        assertThat(released).containsKeys("98979-8", "10466-1");
        assertThat(released.get("10466-1").get("valueText").asString()).isEqualTo("11");
        assertThat(released.values()).allSatisfy(r -> {
            assertThat(r.get("status").asString()).as(r.get("testCode").asString() + " "
                    + lab.intelligence(r.get("id").asString()).get("checks")).isEqualTo("FINAL");
            assertThat(r.get("verifiedBy").asString()).isEqualTo("autoverification");
        });

        RestClient ehr = as("ri-ehr");
        JsonNode bundle = json(ehr.get().uri("/fhir/Observation?based-on=ServiceRequest/" + serviceRequest
                + "&status=final"));
        assertThat(bundle.get("total").asInt()).isEqualTo(10);
        JsonNode potassium = json(ehr.get().uri("/fhir/Observation?based-on=ServiceRequest/" + serviceRequest
                + "&code=http://loinc.org|2823-3")).get("entry").get(0).get("resource");
        assertThat(potassium.get("status").asString()).isEqualTo("final");
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void theRuleSimulatorReportsReleaseRateAndReasons() {
        long patient = lab.patient("1970-07-07", "F");
        Map<String, JsonNode> bench = lab.receive(lab.order(patient, "K"), 1);
        lab.enter(bench.get("2823-3").get("id").asString(), "7.1");
        assertThat(status(tech.get().uri("/results/autoverification?days=1"))).isEqualTo(403);
        assertThat(status(admin.get().uri("/results/autoverification?days=0&section=CHEM"))).isEqualTo(200);
        String page = admin.get().uri("/results/autoverification?days=1&section=CHEM").retrieve().body(String.class);
        assertThat(page).contains("results evaluated").contains("would release").contains("First rule that held")
                .containsPattern("<td>critical</td><td>[1-9]");
    }

    private void switchChemistry(boolean on) {
        JsonNode scope = json(admin.put().uri("/api/results/autoverification/scopes")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("scopeType", "SECTION", "code", "CHEM", "enabled", on)));
        assertThat(scope.get("enabled").asBoolean()).isEqualTo(on);
    }

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
