package org.lavender.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.json;
import static org.lavender.ItSupport.status;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
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
    private Bench lab;
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
        lab = new Bench(admin, tech);
        verifier = as("rim-verifier");
    }

    @Test
    void aHighTshAddsFreeT4ToTheOrderOnTheSameSpecimenOnceAudited() {
        long patient = lab.patient("1975-04-04", "F");
        JsonNode order = lab.order(patient, "TSH");
        String orderId = order.get("id").asString();
        Map<String, JsonNode> bench = lab.receive(order, 1);
        JsonNode tsh = bench.get("3016-3");
        String tshId = tsh.get("id").asString();
        lab.enter(tshId, "6.10");
        assertThat(lab.result(tshId).get("interpretation").asString()).isEqualTo("H");
        // Not yet released: no reflex on a preliminary value.
        assertThat(lab.byLoinc(orderId)).doesNotContainKey("3024-7");

        verify(verifier, tshId);
        Map<String, JsonNode> after = lab.byLoinc(orderId);
        JsonNode ft4 = after.get("3024-7");
        assertThat(ft4).as("free T4 added").isNotNull();
        assertThat(ft4.get("status").asString()).isEqualTo("PENDING");
        assertThat(ft4.get("accession").asString()).isEqualTo(tsh.get("accession").asString());
        JsonNode items = json(admin.get().uri("/api/orders/" + orderId)).get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(1).get("orderableCode").asString()).isEqualTo("FT4");

        JsonNode reflexes = lab.intelligence(tshId).get("reflexes");
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
        assertThat(lab.intelligence(tshId).get("reflexes")).hasSize(1);
        assertThat(audit.history("result", tshId)).filteredOn(e -> e.action().equals("REFLEX")).hasSize(1);

        // A normal TSH adds nothing.
        Map<String, JsonNode> normal = lab.receive(lab.order(lab.patient("1980-01-01", "M"), "TSH"), 1);
        String normalId = normal.get("3016-3").get("id").asString();
        lab.enter(normalId, "2.00");
        verify(verifier, normalId);
        assertThat(lab.byLoinc(normal.get("3016-3").get("orderId").asString())).containsOnlyKeys("3016-3");
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void aReactiveHcvAntibodyAddsHcvRnaToTheSameSpecimen() {
        JsonNode order = lab.order(lab.patient("1969-09-09", "M"), "HCVAB");
        String orderId = order.get("id").asString();
        Map<String, JsonNode> bench = lab.receive(order, 1);
        String screen = bench.get("16128-1").get("id").asString();
        lab.enter(screen, "Reactive");
        verify(verifier, screen);
        JsonNode rna = eventually(() -> lab.byLoinc(orderId).get("11259-9"), r -> r != null);
        assertThat(rna.get("accession").asString()).isEqualTo(bench.get("16128-1").get("accession").asString());
    }

    @Test
    void administratorsManageReflexRulesAndMalformedRulesAreRefused() {
        // A release before the change: the rules in force are read (and kept) as they are now.
        assertThat(releasedTsh("2.0")).isEmpty();
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
        // The new rule applies to the next release, and no longer once it is switched off.
        assertThat(releasedTsh("0.05")).singleElement()
                .satisfies(r -> assertThat(r.get("outcome").asString()).isEqualTo("ADDED"));
        String id = audit.page(null, 20, "reflex-rule", "admin").get(0).entityId();
        assertThat(status(adminForms.post().uri("/results/reflex/" + id + "/enabled")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("enabled=false"))).isEqualTo(302);
        assertThat(audit.history("reflex-rule", id)).extracting(AuditEntry::newValue)
                .containsExactly("TSH < 0.1 → FT4 enabled (Suppressed TSH)", "TSH < 0.1 → FT4 disabled");
        assertThat(releasedTsh("0.05")).isEmpty();
    }

    /** Enters and releases a TSH for a new patient; returns the reflex decisions its release made. */
    private JsonNode releasedTsh(String value) {
        String tsh = lab.receive(lab.order(lab.patient("1970-07-07", "F"), "TSH"), 1).get("3016-3").get("id")
                .asString();
        lab.enter(tsh, value);
        verify(verifier, tsh);
        return lab.intelligence(tsh).get("reflexes");
    }

    @Test
    void inrIsCalculatedFromPtWithTheThromboplastinLotInUse() {
        assertThat(form(admin, "/results/inr/lots", "lotNumber=TPL-1&isi=abc&mnpt=12.0")).contains("ISI must be a number");
        assertThat(form(admin, "/results/inr/lots", "lotNumber=TPL-1&isi=4.5&mnpt=12.0")).contains("is outside 0.5–3.0");
        assertThat(form(admin, "/results/inr/lots", "lotNumber=%3Cb%3E&isi=1.2&mnpt=12.0")).contains("lot number");
        assertThat(status(adminForms.post().uri("/results/inr/lots").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("lotNumber=TPL-1&isi=1.00&mnpt=12.0"))).isEqualTo(302);
        assertThat(status(adminForms.post().uri("/results/inr/lots").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("lotNumber=TPL-2&isi=1.20&mnpt=12.0"))).isEqualTo(302);
        assertThat(status(adminForms.post().uri("/results/inr/calculation")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("enabled=true"))).isEqualTo(302);
        try {
            String page = admin.get().uri("/results/inr").retrieve().body(String.class);
            assertThat(page).contains("TPL-1").contains("TPL-2").contains("calculates");
            JsonNode order = lab.order(lab.patient("1950-06-06", "M"), "PT");
            Map<String, JsonNode> bench = lab.receive(order, 1);
            lab.enter(bench.get("5902-2").get("id").asString(), "20.0");
            JsonNode inr = eventually(() -> lab.byLoinc(order.get("id").asString()).get("6301-6"), r -> r != null);
            // (20.0 / 12.0)^1.2 = 1.846 → 1.8 with the lot in use (TPL-2 replaced TPL-1, whose ISI 1.0 gives 1.7).
            assertThat(inr.get("valueText").asString()).isEqualTo("1.8");
            assertThat(inr.get("resultedBy").asString()).isEqualTo("calculation");
            assertThat(audit.history("result", inr.get("id").asString()).get(0).reason())
                    .contains("thromboplastin lot TPL-2: ISI 1.2, MNPT 12 s");
            assertThat(status(tech.post().uri("/api/results/" + inr.get("id").asString() + "/value")
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "2.0")))).isEqualTo(409);
        } finally {
            assertThat(status(adminForms.post().uri("/results/inr/calculation")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("enabled=false"))).isEqualTo(302);
        }
    }

    @Test
    void aValueAboveTheMeasuringRangeIsHeldWithItsReasonAndAnImpossibleOneRefused() {
        assertThat(form(admin, "/results/rules/PHOS", "amrLow=abc&amrHigh=8&reason=x")).contains("is not a number");
        assertThat(form(admin, "/results/rules/PHOS", "amrLow=0.5&amrHigh=8")).contains("Say why the rules of PHOS");
        assertThat(form(admin, "/results/rules/PHOS", "autoLow=0.1&autoHigh=9&amrLow=0.5&amrHigh=8&reason=x"))
                .contains("must lie within the AMR");
        assertThat(status(adminForms.post().uri("/results/rules/NOPE").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("amrLow=0.5&amrHigh=8&reason=x"))).isEqualTo(422);
        assertThat(status(tech.post().uri("/results/rules/PHOS").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("amrLow=0.5&amrHigh=8&reason=x"))).isEqualTo(403);
        assertThat(status(adminForms.post().uri("/results/rules/PHOS").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("amrLow=0.5&amrHigh=8&deltaMethod=NONE&reason=Vendor+IFU+linearity+verified+2026-11"))).isEqualTo(302);
        assertThat(audit.history("test-rules", "PHOS")).singleElement().satisfies(e -> {
            assertThat(e.newValue()).contains("AMR 0.5–8");
            assertThat(e.reason()).isEqualTo("Vendor IFU linearity verified 2026-11");
        });
        assertThat(admin.get().uri("/results/rules?section=CHEM").retrieve().body(String.class)).contains("AMR 0.5–8");

        Map<String, JsonNode> bench = lab.receive(lab.order(lab.patient("1960-10-10", "M"), "PHOS"), 1);
        String phos = bench.get("2777-1").get("id").asString();
        assertThat(status(tech.post().uri("/api/results/" + phos + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "-1.2")))).isEqualTo(422);
        assertThat(lab.result(phos).get("status").asString()).isEqualTo("PENDING");
        lab.enter(phos, "8.5");
        JsonNode checks = lab.intelligence(phos).get("checks");
        assertThat(checks.get("heldReasons").asString()).contains("8.5 > AMR 0.5–8 mg/dL: dilute and rerun");
        assertThat(lab.intelligence(phos).get("rules").get(2).get("passed").asBoolean()).isFalse();
        assertThat(lab.result(phos).get("status").asString()).isEqualTo("PRELIMINARY");
    }

    @Test
    void severalResultsAreVerifiedTogetherOrNotAtAllAndEachReleaseIsAudited() {
        long patient = lab.patient("1966-06-06", "F");
        String potassium = lab.receive(lab.order(patient, "K"), 1).get("2823-3").get("id").asString();
        String sodium = lab.receive(lab.order(patient, "NA"), 1).get("2951-2").get("id").asString();
        String pendingChloride = lab.receive(lab.order(patient, "CL"), 1).get("2075-0").get("id").asString();
        lab.enter(potassium, "4.2");
        lab.enter(sodium, "141");
        assertThat(List.of(lab.result(potassium), lab.result(sodium)))
                .allSatisfy(r -> assertThat(r.get("status").asString()).isEqualTo("PRELIMINARY"));

        // One result that cannot be verified (no value yet, selected twice, unknown) and nothing is released.
        assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(potassium, pendingChloride))))).isEqualTo(409);
        assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(potassium, potassium))))).isEqualTo(409);
        assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(potassium, Long.MAX_VALUE))))).isEqualTo(404);
        assertThat(lab.result(potassium).get("status").asString()).isEqualTo("PRELIMINARY");
        assertThat(audit.history("result", potassium)).extracting(AuditEntry::action).doesNotContain("VERIFY");

        // All of them: released in the order given, each audited as the verifier's release of its value.
        JsonNode released = json(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("ids", List.of(sodium, potassium))));
        assertThat(released).extracting(r -> r.get("id").asString()).containsExactly(sodium, potassium);
        assertThat(released).allSatisfy(r -> {
            assertThat(r.get("status").asString()).isEqualTo("FINAL");
            assertThat(r.get("verifiedBy").asString()).isEqualTo("rim-verifier");
        });
        for (String id : List.of(sodium, potassium)) {
            AuditEntry verified = audit.history("result", id).stream().filter(e -> e.action().equals("VERIFY"))
                    .findFirst().orElseThrow();
            assertThat(verified.actor()).isEqualTo("rim-verifier");
            assertThat(verified.oldValue()).isEqualTo("preliminary");
            assertThat(verified.newValue()).startsWith("final ").contains(id.equals(sodium) ? "141" : "4.2");
        }
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void aSecondVerifierIsNeededWhereTheSectionAsksAndFhirStaysPreliminaryUntilThen() {
        assertThat(status(adminForms.post().uri("/results/verification/policy")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("section=HEME&secondVerification=true")))
                .isEqualTo(302);
        try {
            JsonNode order = lab.order(lab.patient("1990-03-03", "F"), "HGB");
            String serviceRequest = order.get("items").get(0).get("id").asString();
            Map<String, JsonNode> bench = lab.receive(order, 1);
            String hgb = bench.get("718-7").get("id").asString();
            lab.enter(hgb, "13.1");
            // Selected twice, the first signature and a second by the same verifier: refused, nothing signed.
            assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ids", List.of(hgb, hgb))))).isEqualTo(409);
            assertThat(lab.intelligence(hgb).get("checks").hasNonNull("firstVerifiedBy")).isFalse();
            verify(verifier, hgb);
            assertThat(lab.result(hgb).get("status").asString()).isEqualTo("PRELIMINARY");
            assertThat(lab.intelligence(hgb).get("checks").get("firstVerifiedBy").asString()).isEqualTo("rim-verifier");
            RestClient ehr = as("rim-ehr");
            assertThat(fhirStatus(ehr, serviceRequest)).isEqualTo("preliminary");
            assertThat(verifier.get().uri("/results/verification?section=HEME").retrieve().body(String.class))
                    .contains("first verification: rim-verifier; waiting for a second verifier");

            assertThat(status(verifier.post().uri("/api/results/verify").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("ids", List.of(hgb))))).isEqualTo(409);
            assertThat(lab.result(hgb).get("status").asString()).isEqualTo("PRELIMINARY");

            verify(as("rim-verifier2"), hgb);
            assertThat(lab.result(hgb).get("status").asString()).isEqualTo("FINAL");
            assertThat(lab.result(hgb).get("verifiedBy").asString()).isEqualTo("rim-verifier2");
            assertThat(fhirStatus(ehr, serviceRequest)).isEqualTo("final");
            assertThat(audit.history("result", hgb)).extracting(AuditEntry::action).contains("VERIFY_FIRST", "VERIFY");
        } finally {
            assertThat(status(adminForms.post().uri("/results/verification/policy")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("section=HEME&secondVerification=false")))
                    .isEqualTo(302);
        }
    }

    @Test
    void aRerunRequestReturnsTheResultToTheBenchAndTheNextValueReplacesIt() {
        Map<String, JsonNode> bench = lab.receive(lab.order(lab.patient("1955-05-05", "F"), "GLU"), 1);
        String glucose = bench.get("2345-7").get("id").asString();
        lab.enter(glucose, "612");
        assertThat(status(tech.post().uri("/api/results/" + glucose + "/rerun").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "SOMETIMES")))).isEqualTo(422);
        JsonNode back = json(tech.post().uri("/api/results/" + glucose + "/rerun").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "DILUTION", "note", "1:2")));
        assertThat(back.get("status").asString()).isEqualTo("PENDING");
        assertThat(back.hasNonNull("valueText")).isFalse();
        assertThat(lab.intelligence(glucose).get("checks").get("rerunRequest").asString()).isEqualTo("dilute and rerun: 1:2");
        assertThat(tech.get().uri("/results/" + glucose).retrieve().body(String.class))
                .contains("Back to the bench: dilute and rerun: 1:2 (rim-tech)");
        assertThat(status(tech.post().uri("/api/results/" + glucose + "/rerun").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("kind", "RERUN")))).isEqualTo(409);

        lab.enter(glucose, "598");
        assertThat(lab.result(glucose).get("valueText").asString()).isEqualTo("598");
        JsonNode revisions = json(tech.get().uri("/api/results/" + glucose + "/revisions"));
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0).get("valueText").asString()).isEqualTo("612");
        assertThat(revisions.get(0).get("reason").asString()).isEqualTo("returned to the bench: dilute and rerun: 1:2");
        assertThat(audit.history("result", glucose)).extracting(AuditEntry::action).contains("RERUN");
    }

    @Test
    void commentsComeFromTheCodedListWithFreeTextAllowed() {
        Map<String, JsonNode> bench = lab.receive(lab.order(lab.patient("1944-04-04", "M"), "K"), 1);
        String potassium = bench.get("2823-3").get("id").asString();
        assertThat(status(tech.post().uri("/api/results/" + potassium + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "5.0", "commentCode", "NOPE")))).isEqualTo(422);
        assertThat(status(tech.post().uri("/api/results/" + potassium + "/value").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "5.0", "commentCode", "<script>")))).isEqualTo(422);
        assertThat(lab.result(potassium).get("status").asString()).isEqualTo("PENDING");
        JsonNode entered = json(tech.post().uri("/api/results/" + potassium + "/value")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "5.0", "commentCode", "hemo", "comment", "Recollection requested.")));
        assertThat(entered.get("comment").asString()).startsWith("[HEMO] Specimen hemolyzed")
                .endsWith(" Recollection requested.");
        assertThat(tech.get().uri("/results/worklist?section=CHEM").retrieve().body(String.class))
                .contains("<option value=\"HEMO\"");
        assertThat(lab.intelligence(potassium).get("checks").get("heldReasons").asString()).contains("comment to review");
        assertThat(status(verifier.post().uri("/api/results/verify-run").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("section", "CHEM", "analyzer", "No Such Analyzer")))).isEqualTo(422);
    }

    private static String fhirStatus(RestClient ehr, String serviceRequest) {
        return json(ehr.get().uri("/fhir/Observation?based-on=ServiceRequest/" + serviceRequest
                + "&code=http://loinc.org|718-7")).get("entry").get(0).get("resource").get("status").asString();
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
