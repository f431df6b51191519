package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * More result intelligence at the bench: a high TSH adds free T4 to its order on the same specimen (once, audited
 * with the rule, not again when the TSH is corrected); a reactive HCV antibody adds HCV RNA; reflex rules are
 * managed by administrators with malformed rules refused.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultIntelligenceMoreIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;

    private RestClient admin;
    /** The administrator's browser: form posts answer with a redirect, which is not followed. */
    private RestClient adminForms;
    private RestClient tech;
    private RestClient verifier;

    @BeforeAll
    void setUp() {
        create("rim-tech", Role.TECHNICIAN);
        create("rim-verifier", Role.VERIFIER);
        create("rim-verifier2", Role.VERIFIER);
        create("rim-ehr", Role.SYSTEM);
        admin = RestClient.builder().baseUrl(base()).defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass"))
                .build();
        adminForms = RestClient.builder().baseUrl(base())
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                        java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                                .build()))
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build();
        tech = as("rim-tech");
        verifier = as("rim-verifier");
    }

    @Test
    void aHighTshAddsFreeT4ToTheOrderOnTheSameSpecimenOnceAudited() {
        long patient = patient("1975-04-04", "F");
        JsonNode order = order(patient, "TSH");
        String orderId = order.get("id").asString();
        Map<String, JsonNode> bench = receive(order, 1);
        JsonNode tsh = bench.get("3016-3");
        String tshId = tsh.get("id").asString();
        enter(tshId, "6.10");
        assertThat(result(tshId).get("interpretation").asString()).isEqualTo("H");
        // Not yet released: no reflex on a preliminary value.
        assertThat(byLoinc(orderId)).doesNotContainKey("3024-7");

        verify(verifier, tshId);
        Map<String, JsonNode> after = byLoinc(orderId);
        JsonNode ft4 = after.get("3024-7");
        assertThat(ft4).as("free T4 added").isNotNull();
        assertThat(ft4.get("status").asString()).isEqualTo("PENDING");
        assertThat(ft4.get("accession").asString()).isEqualTo(tsh.get("accession").asString());
        JsonNode items = json(admin.get().uri("/api/orders/" + orderId)).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("orderableCode").asString()).isEqualTo("FT4");

        JsonNode reflexes = intelligence(tshId).get("reflexes");
        assertThat(reflexes).hasSize(1);
        assertThat(reflexes.get(0).get("outcome").asString()).isEqualTo("ADDED");
        assertThat(reflexes.get(0).get("triggerValue").asString()).isEqualTo("Thyrotropin (TSH) 6.10 m[IU]/L flagged H");
        assertThat(reflexes.get(0).get("firedBy").asString()).isEqualTo("rim-verifier");
        List<AuditEntry> history = audit.history("result", tshId);
        assertThat(history).filteredOn(e -> e.action().equals("REFLEX")).singleElement()
                .satisfies(e -> assertThat(e.reason()).contains("TSH flagged H → FT4").contains("6.10"));
        assertThat(audit.history("order", orderId)).filteredOn(e -> e.action().equals("REFLEX")).singleElement()
                .satisfies(e -> assertThat(e.newValue()).contains("FT4").contains(tsh.get("accession").asString()));

        // A corrected TSH that still meets the rule adds nothing new.
        verifier.post().uri("/api/results/" + tshId + "/correction").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "7.20", "reason", "Dilution factor applied")).retrieve().toBodilessEntity();
        assertThat(json(admin.get().uri("/api/orders/" + orderId)).get("items")).hasSize(2);
        assertThat(intelligence(tshId).get("reflexes")).hasSize(1);
        assertThat(audit.history("result", tshId)).filteredOn(e -> e.action().equals("REFLEX")).hasSize(1);

        // A normal TSH adds nothing.
        Map<String, JsonNode> normal = receive(order(patient("1980-01-01", "M"), "TSH"), 1);
        String normalId = normal.get("3016-3").get("id").asString();
        enter(normalId, "2.00");
        verify(verifier, normalId);
        assertThat(byLoinc(normal.get("3016-3").get("orderId").asString())).containsOnlyKeys("3016-3");
        assertThat(audit.verifyChain().intact()).isTrue();
    }

    @Test
    void aReactiveHcvAntibodyAddsHcvRnaToTheSameSpecimen() {
        JsonNode order = order(patient("1969-09-09", "M"), "HCVAB");
        String orderId = order.get("id").asString();
        Map<String, JsonNode> bench = receive(order, 1);
        String screen = bench.get("16128-1").get("id").asString();
        enter(screen, "Reactive");
        verify(verifier, screen);
        JsonNode rna = eventually(() -> byLoinc(orderId).get("11259-9"), r -> r != null);
        assertThat(rna.get("accession").asString()).isEqualTo(bench.get("16128-1").get("accession").asString());
    }

    @Test
    void administratorsManageReflexRulesAndMalformedRulesAreRefused() {
        String page = verifier.get().uri("/results/reflex").retrieve().body(String.class);
        assertThat(page).contains("TSH flagged H → FT4").contains("HCVAB = reactive → HCVRNA");
        assertThat(status(tech.get().uri("/results/reflex"))).isEqualTo(403);
        assertThat(status(verifier.post().uri("/results/reflex").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("testCode=TSH&condition=FLAG&flags=L&reflexTest=FT4"))).isEqualTo(403);

        String refused = form(admin, "/results/reflex", "testCode=TSH&condition=COMPARISON&comparator=%3E&threshold=4%2C5"
                + "&reflexTest=FT4");
        assertThat(refused).contains("is not a number");
        assertThat(form(admin, "/results/reflex", "testCode=NOPE&condition=FLAG&flags=H&reflexTest=FT4"))
                .contains("Unknown test");
        assertThat(form(admin, "/results/reflex", "testCode=HCVAB&condition=ANSWER&answer=maybe&reflexTest=HCVRNA"))
                .contains("is not an answer of HCVAB");
        assertThat(form(admin, "/results/reflex", "testCode=HCVAB&condition=COMPARISON&comparator=%3E&threshold=1"
                + "&reflexTest=HCVRNA")).contains("is not numeric");
        assertThat(form(admin, "/results/reflex", "testCode=TSH&condition=FLAG&flags=H&reflexTest=FT4"))
                .contains("already exists");
        assertThat(form(admin, "/results/reflex", "testCode=TSH&condition=FLAG&flags=H&reflexTest=EGFR"))
                .contains("not orderable on its own");
        assertThat(form(admin, "/results/reflex", "testCode=%3Cscript%3E&condition=FLAG&flags=H&reflexTest=FT4"))
                .contains("catalog test code").doesNotContain("<script>");

        assertThat(status(adminForms.post().uri("/results/reflex").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("testCode=TSH&condition=COMPARISON&comparator=%3C&threshold=0.1&reflexTest=FT4"
                        + "&note=Suppressed+TSH"))).isEqualTo(302);
        assertThat(admin.get().uri("/results/reflex").retrieve().body(String.class)).contains("TSH &lt; 0.1 → FT4")
                .contains("Suppressed TSH");
        String id = audit.page(null, 20, "reflex-rule", "admin").get(0).entityId();
        assertThat(status(adminForms.post().uri("/results/reflex/" + id + "/enabled")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("enabled=false"))).isEqualTo(302);
        assertThat(audit.history("reflex-rule", id)).extracting(AuditEntry::newValue)
                .containsExactly("TSH < 0.1 → FT4 enabled (Suppressed TSH)", "TSH < 0.1 → FT4 disabled");
    }

    private void verify(RestClient who, String resultId) {
        who.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(resultId))).retrieve().toBodilessEntity();
    }

    /** Posts a form as a browser would after a redirect, and returns the page shown. */
    private static String form(RestClient who, String uri, String body) {
        return who.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body)
                .retrieve().body(String.class);
    }

    private long patient(String birthDate, String sex) {
        return json(admin.post().uri("/api/patients").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("familyName", "Intelligence", "givenName", "Ida", "birthDate", birthDate, "sex", sex)))
                .get("id").asLong();
    }

    private JsonNode order(long patientId, String code) {
        return json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId, "orderableCodes", java.util.List.of(code), "priority", "ROUTINE",
                        "orderingProvider", "Dr. Emergency")));
    }

    /** Receives the order's tubes and waits for its pending results. */
    private Map<String, JsonNode> receive(JsonNode order, int tests) {
        String orderId = order.get("id").asString();
        JsonNode tubes = json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items");
        tubes.forEach(t -> assertThat(status(tech.post().uri("/api/specimens/" + t.get("accession").asString()
                + "/receive"))).isEqualTo(200));
        return eventually(() -> byLoinc(orderId), m -> m.size() >= tests);
    }

    private Map<String, JsonNode> byLoinc(String orderId) {
        JsonNode page = json(tech.get().uri("/api/results?orderId=" + orderId + "&size=100"));
        var map = new TreeMap<String, JsonNode>();
        page.get("items").forEach(r -> map.put(r.get("loinc").asString(), r));
        return map;
    }

    private void enter(String resultId, String value) {
        tech.post().uri("/api/results/" + resultId + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", value)).retrieve().toBodilessEntity();
    }

    private JsonNode result(String id) {
        return json(tech.get().uri("/api/results/" + id));
    }

    private JsonNode intelligence(String id) {
        return json(tech.get().uri("/api/results/" + id + "/intelligence"));
    }

    private JsonNode callFor(String resultId) {
        for (JsonNode c : json(tech.get().uri("/api/results/critical-calls"))) {
            if (c.get("resultId").asString().equals(resultId)) {
                return c;
            }
        }
        return null;
    }

    private static <T> T eventually(Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        T value = probe.get();
        while (!done.test(value) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            value = probe.get();
        }
        assertThat(done.test(value)).as("condition reached within 10 s").isTrue();
        return value;
    }

    private void create(String username, Role role) {
        if (!staff.exists(username)) {
            staff.create(username, username, "secret-" + username, EnumSet.of(role));
        }
    }

    private RestClient as(String username) {
        return RestClient.builder().baseUrl(base())
                .defaultHeaders(h -> h.setBasicAuth(username, "secret-" + username)).build();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        ResponseEntity<Void> response = request.retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toBodilessEntity();
        return response.getStatusCode().value();
    }

    private static JsonNode json(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().body(JsonNode.class);
    }
}
