package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.actAsAdmin;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.AnalyzerSimulator;
import org.lavender.instruments.CodeMapping;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.Transport;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Serum indices at the bench (clinical reference §5 rule 6): a potassium on a hemolyzed tube is held naming the
 * hemolysis index, whether the index was entered by hand before it or sent by the analyzer after it in the same
 * message; one on a clean tube releases itself. An administrator maps the index tests and sets per-analyte limits
 * on the test rules page or the API; bad input is refused, every change audited and in effect at once.
 * Chemistry autoverification and the limits set here are switched off / removed again afterwards.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SerumIndicesIT {

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired AuditLog audit;
    @Autowired Instruments instruments;

    private RestClient admin;
    private RestClient adminForms;
    private RestClient tech;
    private RestClient verifier;
    private Bench lab;

    @BeforeAll
    void setUp() {
        ItSupport.ensureUser(staff, "si-tech", Role.TECHNICIAN);
        ItSupport.ensureUser(staff, "si-verifier", Role.VERIFIER);
        admin = ItSupport.client(port, "admin", "admin-test-pass");
        adminForms = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(
                        java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                                .build()))
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build();
        tech = ItSupport.as(port, "si-tech");
        verifier = ItSupport.as(port, "si-verifier");
        lab = new Bench(admin, tech);
        switchChemistry(true);
        JsonNode potassium = setLimits("K", "50", "", "", "Vendor IFU: potassium bias > 10 % above H-index 50");
        assertThat(potassium.get("hemolysis").decimalValue()).isEqualByComparingTo("50");
    }

    @AfterAll
    void tearDown() {
        for (String test : List.of("K", "AST")) {
            admin.put().uri("/api/results/serum-indices/limits/" + test).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("reason", "end of SerumIndicesIT")).retrieve()
                    .onStatus(s -> s.value() == 422, (req, res) -> { }).toBodilessEntity();
        }
        switchChemistry(false);
    }

    @Test
    void aPotassiumOnAHemolyzedTubeIsHeldNamingTheHemolysisIndexAndOneOnACleanTubeReleases() {
        Map<String, JsonNode> hemolyzed = receive(order(lab.patient("1958-04-04", "M"), "K", "HIDX"), 2);
        lab.enter(id(hemolyzed, "HIDX"), "120");
        lab.enter(id(hemolyzed, "K"), "4.2");

        assertThat(lab.result(id(hemolyzed, "K")).get("status").asString()).isEqualTo("PRELIMINARY");
        JsonNode checks = lab.intelligence(id(hemolyzed, "K")).get("checks");
        assertThat(checks.get("autoverification").asString()).isEqualTo("HELD");
        assertThat(checks.get("heldReasons").asString())
                .contains("H-index 120 > 50: hemolysis interferes with potassium");
        assertThat(rule(id(hemolyzed, "K"), "serum indices").get("passed").asBoolean()).isFalse();

        Map<String, JsonNode> clean = receive(order(lab.patient("1958-05-05", "F"), "K", "HIDX"), 2);
        lab.enter(id(clean, "HIDX"), "20");
        lab.enter(id(clean, "K"), "4.2");

        JsonNode released = lab.result(id(clean, "K"));
        assertThat(released.get("status").asString()).as(lab.intelligence(id(clean, "K")).toString())
                .isEqualTo("FINAL");
        assertThat(released.get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(rule(id(clean, "K"), "serum indices").get("detail").asString()).isEqualTo("H-index 20 ≤ 50");
        // The indices themselves are released: their height holds the analytes, not the index.
        for (Map<String, JsonNode> tube : List.of(hemolyzed, clean)) {
            assertThat(lab.result(id(tube, "HIDX")).get("status").asString())
                    .as(lab.intelligence(id(tube, "HIDX")).toString()).isEqualTo("FINAL");
        }
        assertThat(rule(id(hemolyzed, "HIDX"), "limits").get("detail").asString()).startsWith("120 within 0–");
    }

    @Test
    void aPotassiumHeldForAnIndexNotYetMeasuredIsJudgedAgainWhenTheIndexArrives() {
        Map<String, JsonNode> clean = receive(order(lab.patient("1959-08-08", "F"), "K", "HIDX"), 2);
        lab.enter(id(clean, "K"), "4.1");
        assertThat(lab.intelligence(id(clean, "K")).get("checks").get("heldReasons").asString())
                .contains("H-index not measured on this specimen");

        lab.enter(id(clean, "HIDX"), "10");

        JsonNode released = lab.result(id(clean, "K"));
        assertThat(released.get("status").asString()).as(lab.intelligence(id(clean, "K")).toString())
                .isEqualTo("FINAL");
        assertThat(released.get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(rule(id(clean, "K"), "serum indices").get("detail").asString()).isEqualTo("H-index 10 ≤ 50");

        Map<String, JsonNode> hemolyzed = receive(order(lab.patient("1959-09-09", "M"), "K", "HIDX"), 2);
        lab.enter(id(hemolyzed, "K"), "4.1");
        lab.enter(id(hemolyzed, "HIDX"), "90");

        assertThat(lab.result(id(hemolyzed, "K")).get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(lab.intelligence(id(hemolyzed, "K")).get("checks").get("heldReasons").asString())
                .contains("H-index 90 > 50: hemolysis interferes with potassium")
                .doesNotContain("not measured");
    }

    @Test
    void aPotassiumHeldForMoreThanTheIndexStaysHeldWhenTheIndexArrives() {
        Map<String, JsonNode> tube = receive(order(lab.patient("1959-10-10", "F"), "K", "HIDX"), 2);
        // 6.9 mmol/L is above the potassium critical limit: held for that as well as for the missing index.
        lab.enter(id(tube, "K"), "6.9");
        lab.enter(id(tube, "HIDX"), "10");

        assertThat(lab.result(id(tube, "K")).get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(lab.intelligence(id(tube, "K")).get("checks").get("heldReasons").asString())
                .contains("H-index not measured");
    }

    @Test
    void anAnalyzerSendingTheHemolysisIndexAfterThePotassiumInOneMessageHoldsThePotassium() throws IOException {
        int bound = indexAnalyzerPort();

        Map<String, JsonNode> hemolyzed = receive(order(lab.patient("1961-06-06", "M"), "K", "HIDX"), 2);
        Map<String, JsonNode> clean = receive(order(lab.patient("1961-07-07", "F"), "K", "HIDX"), 2);
        List<String> acks = AnalyzerSimulator.sendHl7("localhost", bound, List.of(
                oru("SI-1", accession(hemolyzed), "4.3", "180"), oru("SI-2", accession(clean), "4.3", "15")),
                StandardCharsets.UTF_8);
        assertThat(acks).hasSize(2).allSatisfy(a -> assertThat(a).contains("MSA|AA|"));

        JsonNode held = eventually(() -> lab.result(id(hemolyzed, "K")), r -> "4.3".equals(text(r, "valueText")));
        assertThat(held.get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(held.get("resultedBy").asString()).isEqualTo("analyzer:SI HL7");
        assertThat(lab.intelligence(id(hemolyzed, "K")).get("checks").get("heldReasons").asString())
                .contains("H-index 180 > 50: hemolysis interferes with potassium");
        assertThat(lab.result(id(hemolyzed, "HIDX")).get("valueText").asString()).isEqualTo("180");

        JsonNode released = eventually(() -> lab.result(id(clean, "K")), r -> "FINAL".equals(text(r, "status")));
        assertThat(released.get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(rule(id(clean, "K"), "serum indices").get("detail").asString()).isEqualTo("H-index 15 ≤ 50");
    }

    @Test
    void aHemolysisIndexTheAnalyzerMeasuredOnATubeWithoutItJoinsTheOrderAndQualifiesThePotassium()
            throws IOException {
        int bound = indexAnalyzerPort();
        Map<String, JsonNode> ordered = receive(order(lab.patient("1962-01-02", "F"), "K"), 1);
        String accession = ordered.get("K").get("accession").asString();
        String orderId = ordered.get("K").get("orderId").asString();

        assertThat(AnalyzerSimulator.sendHl7("localhost", bound, List.of(oru("SI-ADD", accession, "4.4", "12")),
                StandardCharsets.UTF_8)).singleElement().asString().contains("MSA|AA|SI-ADD");

        JsonNode released = eventually(() -> lab.result(id(ordered, "K")), r -> "FINAL".equals(text(r, "status")));
        assertThat(released.get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(rule(id(ordered, "K"), "serum indices").get("detail").asString()).isEqualTo("H-index 12 ≤ 50");
        Map<String, JsonNode> now = resultsOf(orderId, 2);
        assertThat(now.get("HIDX").get("valueText").asString()).isEqualTo("12");
        assertThat(now.get("HIDX").get("accession").asString()).isEqualTo(accession);
        assertThat(audit.history("order", orderId)).anySatisfy(e -> {
            assertThat(e.newValue()).isEqualTo("added HIDX on specimen " + accession);
            assertThat(e.reason()).startsWith("serum index measured by SI HL7 on " + accession);
        });
    }

    /** The analyzer "SI HL7" (its hemolysis index code HI mapped to HIDX, which has no LOINC code); its port. */
    private int indexAnalyzerPort() {
        actAsAdmin();
        Analyzer analyzer;
        try {
            analyzer = instruments.analyzerByName("SI HL7").orElseGet(() -> instruments.create(new AnalyzerSettings(
                    "SI HL7", "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null, 0, null, "UTF-8",
                    true, true)));
            if (instruments.codeMap(analyzer.id()).stream().noneMatch(m -> m.instrumentCode().equals("HI"))) {
                instruments.map(analyzer.id(), new CodeMapping("HI", "HIDX", null, null));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        return eventually(() -> instruments.status().stream().filter(s -> s.analyzer().id() == analyzer.id())
                .findFirst().orElseThrow().boundPort(), p -> p != null);
    }

    @Test
    void anAdministratorChangesALimitThatIsAuditedAndInEffectAtOnceWhileBadInputIsRefused() {
        String limits = "/api/results/serum-indices/limits/AST";
        assertThat(status(tech.get().uri("/api/results/serum-indices"))).isEqualTo(403);
        JsonNode overview = json(verifier.get().uri("/api/results/serum-indices"));
        assertThat(overview.get("carriers")).extracting(c -> c.get("kind").asString() + "=" + c.get("testCode")
                .asString()).containsExactly("H=HIDX", "I=IIDX", "L=LIDX");
        assertThat(status(verifier.put().uri(limits).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hemolysis", "20", "reason", "x")))).isEqualTo(403);

        // Refused with the field and a specific message; nothing is stored.
        assertThat(refusal(limits, Map.of("hemolysis", "-5", "reason", "x")))
                .contains("Hemolysis index limit must not be negative");
        assertThat(refusal(limits, Map.of("icterus", "abc", "reason", "x"))).contains("is not a number");
        assertThat(refusal(limits, Map.of("lipemia", "1e999", "reason", "x"))).contains("is not a number");
        assertThat(refusal(limits, Map.of("hemolysis", "9".repeat(300), "reason", "x")))
                .contains("must be at most 100000");
        assertThat(refusal(limits, Map.of("hemolysis", 1.0E300, "reason", "x"))).contains("Hemolysis index limit");
        assertThat(refusal(limits, Map.of("hemolysis", "20"))).contains("Say why the serum index limits of AST");
        assertThat(refusal("/api/results/serum-indices/limits/NOPE", Map.of("hemolysis", "20", "reason", "x")))
                .contains("Unknown test 'NOPE'");
        assertThat(refusal("/api/results/serum-indices/limits/HCVRNA", Map.of("hemolysis", "20", "reason", "x")))
                .contains("HCVRNA is not numeric");
        assertThat(refusal("/api/results/serum-indices/limits/HIDX", Map.of("hemolysis", "20", "reason", "x")))
                .contains("HIDX carries the hemolysis index itself");
        assertThat(refusal("/api/results/serum-indices/carriers/X", Map.of("testCode", "HIDX", "reason", "x")))
                .contains("The index kind is H (hemolysis), I (icterus) or L (lipemia), not 'X'");
        assertThat(refusal("/api/results/serum-indices/carriers/H", Map.of("testCode", "IIDX", "reason", "x")))
                .contains("IIDX already carries the icterus index");
        assertThat(refusal("/api/results/serum-indices/carriers/H", Map.of("testCode", "", "reason", "x")))
                .contains("K still has a hemolysis index limit");
        assertThat(json(verifier.get().uri(limits)).get("text").asString()).isEqualTo("none");
        assertThat(audit.history("serum-index-limits", "AST")).isEmpty();

        JsonNode set = setLimits("AST", "20", "", "", "Vendor IFU: AST bias > 10 % above H-index 20");
        assertThat(set.get("text").asString()).isEqualTo("H ≤ 20, I –, L –");
        assertThat(set.get("updatedBy").asString()).isEqualTo("admin");
        assertThat(audit.history("serum-index-limits", "AST")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.oldValue()).isEqualTo("none");
            assertThat(e.newValue()).isEqualTo("H ≤ 20, I –, L –");
            assertThat(e.reason()).isEqualTo("Vendor IFU: AST bias > 10 % above H-index 20");
        });

        Map<String, JsonNode> tube = receive(order(lab.patient("1970-08-08", "F"), "AST", "HIDX"), 2);
        lab.enter(id(tube, "HIDX"), "30");
        lab.enter(id(tube, "AST"), "30");
        assertThat(lab.intelligence(id(tube, "AST")).get("checks").get("heldReasons").asString())
                .contains("H-index 30 > 20: hemolysis interferes with");

        // On the test rules page: a malformed limit re-shows the form with the message; a verifier may not save.
        assertThat(form(admin, "/results/rules/AST/indices", "hemolysis=abc&indexReason=x"))
                .contains("Hemolysis index limit: &#39;abc&#39; is not a number");
        assertThat(status(verifier.post().uri("/results/rules/AST/indices")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("hemolysis=40&indexReason=x")))
                .isEqualTo(403);
        assertThat(status(adminForms.post().uri("/results/rules/AST/indices")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("hemolysis=40&icterus=&lipemia=&indexReason=Verified+on+our+analyzer+2026-11"))).isEqualTo(302);
        assertThat(audit.history("serum-index-limits", "AST")).extracting(AuditEntry::newValue)
                .containsExactly("H ≤ 20, I –, L –", "H ≤ 40, I –, L –");
        assertThat(admin.get().uri("/results/rules/AST").retrieve().body(String.class))
                .contains("Serum index limits").contains("H ≤ 40, I –, L –").contains("set by admin");
        String rules = admin.get().uri("/results/rules?section=CHEM").retrieve().body(String.class);
        assertThat(rules).contains("Serum indices").contains("HIDX Hemolysis index").contains("H ≤ 40, I –, L –");

        // No restart: a value entered again is judged against the new limit and releases itself.
        lab.enter(id(tube, "AST"), "31");
        assertThat(lab.result(id(tube, "AST")).get("status").asString())
                .as(lab.intelligence(id(tube, "AST")).toString()).isEqualTo("FINAL");
        assertThat(rule(id(tube, "AST"), "serum indices").get("detail").asString()).isEqualTo("H-index 30 ≤ 40");

        // The lipemia index test can be unmapped (no analyte has a lipemia limit), which refuses lipemia limits
        // until it is mapped again; both changes are audited.
        assertThat(json(admin.put().uri("/api/results/serum-indices/carriers/L").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("testCode", "", "reason", "Lipemia index not measured during maintenance")))
                .has("testCode")).isFalse();
        assertThat(refusal(limits, Map.of("hemolysis", "40", "lipemia", "500", "reason", "x")))
                .contains("No test carries the lipemia index");
        assertThat(status(adminForms.post().uri("/results/rules/indices/carrier")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("kind=L&testCode=LIDX&reason=Maintenance+done"))).isEqualTo(302);
        assertThat(audit.history("serum-index-test", "L")).extracting(e -> e.oldValue() + " → " + e.newValue())
                .containsExactly("LIDX → none", "none → LIDX");
        assertThat(audit.verifyChain().problem()).isNull();
    }

    private JsonNode setLimits(String test, String h, String i, String l, String reason) {
        return json(admin.put().uri("/api/results/serum-indices/limits/" + test).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("hemolysis", h, "icterus", i, "lipemia", l, "reason", reason)));
    }

    /** The problem detail of a refused change (422). */
    private String refusal(String uri, Map<String, ?> body) {
        var detail = new StringBuilder();
        admin.put().uri(uri).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(s -> true, (req, res) -> {
                    assertThat(res.getStatusCode().value()).isEqualTo(422);
                    detail.append(new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8));
                })
                .toBodilessEntity();
        return detail.toString();
    }

    private JsonNode order(long patientId, String... codes) {
        return json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patientId, "orderableCodes", List.of(codes), "priority", "ROUTINE",
                        "orderingProvider", "Dr. Emergency")));
    }

    /** Receives the order's tubes and waits for its pending results, by test code (HIDX has no LOINC code). */
    private Map<String, JsonNode> receive(JsonNode order, int tests) {
        String orderId = order.get("id").asString();
        JsonNode tubes = json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items");
        tubes.forEach(t -> assertThat(status(tech.post().uri("/api/specimens/" + t.get("accession").asString()
                + "/receive"))).isEqualTo(200));
        return resultsOf(orderId, tests);
    }

    /** The order's results by test code, once there are at least {@code tests} of them. */
    private Map<String, JsonNode> resultsOf(String orderId, int tests) {
        return eventually(() -> {
            var byCode = new HashMap<String, JsonNode>();
            json(tech.get().uri("/api/results?orderId=" + orderId + "&size=100")).get("items")
                    .forEach(r -> byCode.put(r.get("testCode").asString(), r));
            return byCode;
        }, m -> m.size() >= tests);
    }

    private static String id(Map<String, JsonNode> results, String testCode) {
        return results.get(testCode).get("id").asString();
    }

    private static String accession(Map<String, JsonNode> results) {
        assertThat(results.get("K").get("accession").asString()).isEqualTo(results.get("HIDX").get("accession")
                .asString());
        return results.get("K").get("accession").asString();
    }

    private static String text(JsonNode node, String field) {
        return node.has(field) ? node.get(field).asString() : null;
    }

    private JsonNode rule(String resultId, String name) {
        for (JsonNode r : lab.intelligence(resultId).get("rules")) {
            if (r.get("rule").asString().equals(name)) {
                return r;
            }
        }
        throw new AssertionError("no rule " + name + " recorded for result " + resultId);
    }

    /** Potassium first, then the hemolysis index of the same tube under the analyzer's own code. */
    private static String oru(String controlId, String accession, String potassium, String hemolysisIndex) {
        return String.join("\r",
                "MSH|^~\\&|CHEM|LAB|LAVENDER|LAB|20261125101500||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1||PID-1",
                "OBR|1||" + accession + "|2823-3^Potassium^LN|||20261125100000",
                "OBX|1|NM|2823-3^Potassium^LN||" + potassium + "|mmol/L|3.5-5.1||||F|||20261125101400",
                "OBX|2|NM|HI^Hemolysis index^99CHEM||" + hemolysisIndex + "|||||F|||20261125101400",
                "SPM|1|" + accession + "||SER") + "\r";
    }

    private static String form(RestClient who, String uri, String body) {
        return who.post().uri(uri).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(body)
                .retrieve().body(String.class);
    }

    private void switchChemistry(boolean on) {
        JsonNode scope = json(admin.put().uri("/api/results/autoverification/scopes")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scopeType", "SECTION", "code", "CHEM", "enabled", on)));
        assertThat(scope.get("enabled").asBoolean()).isEqualTo(on);
    }
}
