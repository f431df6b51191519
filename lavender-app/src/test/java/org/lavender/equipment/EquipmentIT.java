package org.lavender.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.actAsAdmin;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.ItSupport;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditLog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.AnalyzerSimulator;
import org.lavender.instruments.AnalyzerStatus;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.Transport;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * A lab's equipment day: potassium calibration on the chemistry analyzer is overdue, so the dashboard lists it and
 * autoverification holds the analyzer's potassium (sodium from the same message releases itself) until a passing
 * calibration is recorded; chloride reagent is counted down as the analyzer files results, each result records its
 * lot, the reagent lands on the reorder list, and once the loaded pack is past its on-board stability the next
 * chloride is held; bad input is refused whole. Chemistry autoverification is switched
 * on for this class and off again afterwards.
 */
@LavenderIT
@RecordApplicationEvents
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EquipmentIT {

    private static final String ANALYZER = "EQ HL7";

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired Instruments instruments;
    @Autowired Equipment equipment;
    @Autowired AuditLog audit;
    @Autowired Clock clock;
    @Autowired JdbcClient jdbc;

    private RestClient admin;
    private RestClient tech;
    private Analyzer analyzer;
    private long assetId;

    @BeforeAll
    void setUp() {
        if (!staff.exists("eq-tech")) {
            staff.create("eq-tech", "Equipment Tech", "secret-eq-tech", EnumSet.of(Role.TECHNICIAN));
        }
        admin = client("admin", "admin-test-pass");
        tech = client("eq-tech", "secret-eq-tech");
        actAsAdmin();
        analyzer = instruments.analyzerByName(ANALYZER).orElseGet(() -> instruments.create(new AnalyzerSettings(
                ANALYZER, "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null, 0, null, "UTF-8", true,
                true)));
        SecurityContextHolder.clearContext();
        switchChemistry(true);

        assertThat(status(tech.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-1", "name", "Chemistry IT", "kind", "ANALYZER", "serialNumber", "IT-1",
                        "analyzerName", ANALYZER)))).as("technicians do not configure assets").isEqualTo(403);
        JsonNode asset = json(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-1", "name", "Chemistry IT", "kind", "ANALYZER", "manufacturer", "Generic",
                        "serialNumber", "IT-0001", "analyzerName", "eq hl7")));
        assertThat(asset.get("analyzerName").asString()).isEqualTo(ANALYZER);
        assetId = asset.get("id").asLong();
    }

    @AfterAll
    void tearDown() {
        switchChemistry(false);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void anOverdueCalibrationIsOnTheDashboardAndHoldsTheAnalyzersResultUntilCalibrated() throws Exception {
        LocalDate today = LocalDate.now(clock);
        JsonNode potassiumPlan = json(admin.post().uri("/api/equipment/assets/" + assetId + "/calibrations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("testCode", "2823-3", "intervalDays", "30", "firstDueOn", today.minusDays(3).toString())));
        assertThat(potassiumPlan.get("testCode").asString()).isEqualTo("K");
        assertThat(potassiumPlan.get("status").get("state").asString()).isEqualTo("OVERDUE");
        JsonNode sodiumPlan = json(admin.post().uri("/api/equipment/assets/" + assetId + "/calibrations")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("testCode", "NA", "intervalDays", "30", "firstDueOn", today.plusDays(20).toString())));
        assertProblem(admin.post().uri("/api/equipment/assets/" + assetId + "/calibrations")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("testCode", "NA", "intervalDays", "7")), 422,
                "EQ-IT-1 already has a calibration plan for NA");

        JsonNode dashboard = json(tech.get().uri("/api/equipment/dashboard"));
        assertThat(dashboard.get("calibrations").valueStream()
                .filter(p -> "K".equals(p.get("testCode").asString()) && p.get("assetId").asLong() == assetId))
                .singleElement().satisfies(p -> assertThat(p.get("status").get("state").asString()).isEqualTo("OVERDUE"));
        String page = tech.get().uri("/equipment").retrieve().body(String.class);
        assertThat(page).contains("Chemistry IT").contains("OVERDUE").contains(today.minusDays(3).toString());

        Map<String, JsonNode> held = measure(List.of("K", "NA"), List.of(
                new AnalyzerSimulator.Measurement("2823-3", "4.2", "mmol/L"),
                new AnalyzerSimulator.Measurement("2951-2", "140", "mmol/L")));
        JsonNode potassium = eventually(() -> result(held.get("2823-3")), r -> "PRELIMINARY".equals(status(r)));
        JsonNode sodium = eventually(() -> result(held.get("2951-2")), r -> "FINAL".equals(status(r)));
        assertThat(sodium.get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(potassium.get("resultedBy").asString()).isEqualTo("analyzer:" + ANALYZER);
        String reasons = json(tech.get().uri("/api/results/" + id(potassium) + "/intelligence")).get("checks")
                .get("heldReasons").asString();
        assertThat(reasons).contains("calibration of K on " + ANALYZER + " overdue since " + today.minusDays(3));

        // A passing calibration is recorded: the next potassium from the analyzer releases itself.
        JsonNode calibration = json(tech.post().uri("/api/equipment/calibrations/" + id(potassiumPlan) + "/records")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("result", "PASS", "calibratorLot", "CAL-1")));
        assertThat(calibration.get("performedBy").asString()).isEqualTo("eq-tech");
        assertThat(json(tech.get().uri("/api/equipment/assets/" + assetId + "/calibrations")).valueStream()
                .filter(p -> "K".equals(p.get("testCode").asString())).findFirst().orElseThrow()
                .get("status").get("state").asString()).isEqualTo("CURRENT");
        Map<String, JsonNode> next = measure(List.of("K"), List.of(
                new AnalyzerSimulator.Measurement("2823-3", "4.3", "mmol/L")));
        assertThat(eventually(() -> result(next.get("2823-3")), r -> "FINAL".equals(status(r)))
                .get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(audit.history("equipment-calibration-plan", id(potassiumPlan))).extracting(e -> e.action())
                .containsExactly("CREATE", "CALIBRATE");

        // A plan that was set up wrongly is retired (admin or verifier, with a reason) and planned again.
        assertThat(status(tech.post().uri("/api/equipment/calibrations/" + id(sodiumPlan) + "/retire")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "wrong interval")))).isEqualTo(403);
        JsonNode retired = json(admin.post().uri("/api/equipment/calibrations/" + id(sodiumPlan) + "/retire")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "wrong interval")));
        assertThat(retired.get("active").asBoolean()).isFalse();
        assertProblem(tech.post().uri("/api/equipment/calibrations/" + id(sodiumPlan) + "/records")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("result", "PASS")), 409,
                "The calibration plan for NA on Chemistry IT is retired");
        assertThat(json(admin.post().uri("/api/equipment/assets/" + assetId + "/calibrations")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("testCode", "NA", "intervalDays", "7")))
                .get("active").asBoolean()).isTrue();
    }

    @Test
    void reagentStockFallsAsResultsAreFiledAndTheReagentIsReordered() throws Exception {
        JsonNode reagent = json(admin.post().uri("/api/equipment/reagents").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "IT chloride ISE", "testCodes", List.of("2075-0"), "testsPerUnit", 3,
                        "unitName", "pack", "onboardDays", 14, "reorderPoint", 1)));
        assertThat(reagent.get("testCodes").get(0).asString()).isEqualTo("CL");
        JsonNode lot = json(tech.post().uri("/api/equipment/reagents/lots").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reagentId", id(reagent), "lotNumber", "CL-IT-7", "expiresOn",
                        LocalDate.now(clock).plusMonths(6).toString(), "units", "2", "storage", "shelf A")));
        JsonNode unit = json(tech.post().uri("/api/equipment/reagents/lots/" + id(lot) + "/open")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("assetId", String.valueOf(assetId))));
        assertThat(unit.get("testsLeft").asInt()).isEqualTo(3);
        assertThat(testsOnHand(stockOf("IT chloride ISE"))).isEqualTo(6);
        assertThat(reorderList()).doesNotContain("IT chloride ISE");
        long runsBefore = equipment.asset(assetId).orElseThrow().runs();

        List<String> resultIds = new ArrayList<>();
        for (String value : List.of("101", "103", "99")) {
            Map<String, JsonNode> filed = measure(List.of("CL"), List.of(
                    new AnalyzerSimulator.Measurement("2075-0", value, "mmol/L")));
            resultIds.add(id(filed.get("2075-0")));
        }
        JsonNode stock = eventually(() -> stockOf("IT chloride ISE"), s -> testsOnHand(s) == 3);
        assertThat(stock.get("unopenedUnits").asInt()).isEqualTo(1);
        assertThat(stock.get("testsInUse").asInt()).isZero();
        assertThat(stock.get("needsReorder").asBoolean()).isTrue();
        assertThat(stock.get("unitsOnHand").decimalValue()).isEqualByComparingTo("1.0");
        assertThat(reorderList()).contains("IT chloride ISE");
        assertThat(tech.get().uri("/equipment/reagents").retrieve().body(String.class)).contains("reorder");
        assertThat(equipment.asset(assetId).orElseThrow().runs()).isEqualTo(runsBefore + 3);

        // Each result records the lot it was measured with (JSON and the HTML fragment for the result page).
        JsonNode uses = json(tech.get().uri("/api/equipment/reagents/for-result/" + resultIds.get(0)));
        assertThat(uses).hasSize(1);
        assertThat(uses.get(0).get("lotNumber").asString()).isEqualTo("CL-IT-7");
        assertThat(tech.get().uri("/equipment/reagents/for-result/" + resultIds.get(2)).retrieve().body(String.class))
                .contains("IT chloride ISE").contains("CL-IT-7").contains("Chemistry IT");
        assertThat(tech.get().uri("/equipment/reagents/for-result/999999999").retrieve().body(String.class))
                .contains("not recorded");

        // The loaded pack outlives its on-board stability (the clock moved on): the next chloride is held for a person.
        jdbc.sql("update equipment.reagent_in_use set stable_until = now() - interval '1 hour' where id = ?")
                .param(unit.get("id").asLong()).update();
        assertThat(dashboardIds("beyondStability")).contains(id(unit));
        Map<String, JsonNode> stale = measure(List.of("CL"), List.of(
                new AnalyzerSimulator.Measurement("2075-0", "100", "mmol/L")));
        JsonNode chloride = eventually(() -> result(stale.get("2075-0")), r -> "PRELIMINARY".equals(status(r)));
        assertThat(json(tech.get().uri("/api/results/" + id(chloride) + "/intelligence")).get("checks")
                .get("heldReasons").asString())
                .contains("reagent IT chloride ISE lot CL-IT-7 on Chemistry IT past on-board stability since");
        assertThat(eventually(() -> json(tech.get().uri("/api/equipment/reagents/for-result/" + id(chloride))),
                u -> u.size() == 1).get(0).get("beyondStability").asBoolean()).isTrue();
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void badInputIsRefusedWholeWithAClearMessage() {
        JsonNode fridge = json(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-F", "name", "IT fridge", "kind", "REFRIGERATOR", "serialNumber", "F-1",
                        "minCelsius", "2", "maxCelsius", "8")));
        String readings = "/api/equipment/assets/" + id(fridge) + "/temperatures";

        assertProblem(tech.post().uri(readings).contentType(MediaType.APPLICATION_JSON).body(Map.of("value", "5")),
                422, "A temperature reading needs its unit (°C or °F)");
        assertProblem(tech.post().uri(readings).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "five", "unit", "Cel")), 422, "'five' is not a temperature (e.g. 4.5 or -20)");
        assertProblem(tech.post().uri(readings).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "5", "unit", "Cel", "readAt", "2020-01-01T00:00:00Z")), 422,
                "A reading can be written up at most 7 days later");
        assertProblem(tech.post().uri("/api/equipment/assets/987654/temperatures").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "5", "unit", "Cel")), 404, "Asset 987654 not found");
        assertThat(json(tech.get().uri(readings)).get("items")).isEmpty();
        assertProblem(tech.post().uri(readings).contentType(MediaType.APPLICATION_JSON).body("{not json"), 400, null);

        // An out-of-range reading is flagged and stays on the dashboard until its corrective action is recorded.
        JsonNode warm = json(tech.post().uri(readings).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("value", "48.2", "unit", "°F")));
        assertThat(warm.get("inRange").asBoolean()).isFalse();
        assertThat(warm.get("celsius").decimalValue()).isEqualByComparingTo("9.00");
        assertThat(dashboardIds("temperatures")).contains(id(warm));
        assertProblem(tech.post().uri("/api/equipment/temperatures/" + id(warm) + "/corrective-action")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", " ")), 422, "Enter the corrective action");
        json(tech.post().uri("/api/equipment/temperatures/" + id(warm) + "/corrective-action")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "Door closed; 4.4 °C after 20 min")));
        assertThat(dashboardIds("temperatures")).doesNotContain(id(warm));
        // The bench form re-shows the page with the message and what was typed; nothing is logged.
        String form = tech.post().uri("/equipment/assets/" + id(fridge) + "/temperatures")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("value=4..5&unit=Cel").retrieve()
                .body(String.class);
        assertThat(form).contains("&#39;4..5&#39; is not a temperature").contains("value=\"4..5\"")
                .contains("Door closed; 4.4 °C after 20 min");
        assertThat(json(tech.get().uri(readings)).get("items")).hasSize(1);

        JsonNode reagent = json(admin.post().uri("/api/equipment/reagents").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "IT glucose", "testCodes", List.of("GLU"), "testsPerUnit", 100, "reorderPoint", 1)));
        String yesterday = LocalDate.now(clock).minusDays(1).toString();
        assertProblem(tech.post().uri("/api/equipment/reagents/lots").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reagentId", id(reagent), "lotNumber", "G-OLD", "expiresOn", yesterday, "units", "3")),
                422, "Lot G-OLD expired on " + yesterday + "; an expired lot is not received into stock");
        assertProblem(tech.post().uri("/api/equipment/reagents/lots").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reagentId", id(reagent), "lotNumber", "G-NEG", "expiresOn", "2099-01-01", "units", "-4")),
                422, "The number of units received is 1 to 10000, not -4");
        assertProblem(tech.post().uri("/api/equipment/reagents/lots").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reagentId", "424242", "lotNumber", "G-1", "expiresOn", "2099-01-01", "units", "1")),
                422, "No reagent 424242 is defined; define it first");
        assertProblem(admin.post().uri("/api/equipment/reagents").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "IT nonsense", "testCodes", List.of("NOPE"), "testsPerUnit", 10,
                        "reorderPoint", 1)), 422, "No test 'NOPE' in the catalog");
        assertThat(json(tech.get().uri("/api/equipment/reagents/stock")).valueStream()
                .filter(s -> s.get("reagentId").asString().equals(id(reagent))).findFirst().orElseThrow()
                .get("unopenedUnits").asInt()).as("nothing received").isZero();
        assertProblem(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-2", "name", "Ghost", "kind", "ANALYZER", "serialNumber", "G-2",
                        "analyzerName", "No Such Analyzer")), 422,
                "No analyzer named 'No Such Analyzer' is configured under Analyzers");
        assertProblem(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-3", "name", "Freezer", "kind", "FREEZER", "serialNumber", "Z-3")), 422,
                "A freezer needs its acceptable temperature range (e.g. 2 to 8 °C)");
        assertProblem(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-4", "name", "Robot", "kind", "TOASTER", "serialNumber", "T-4")), 422,
                null);
        assertThat(json(tech.get().uri("/api/equipment/assets")).valueStream().map(a -> a.get("tag").asString()))
                .doesNotContain("EQ-IT-2", "EQ-IT-3", "EQ-IT-4");

        // Maintenance: every checklist item is needed for sign-off; a refused sign-off stores nothing.
        JsonNode task = json(admin.post().uri("/api/equipment/assets/" + id(fridge) + "/maintenance")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("title", "Weekly defrost check", "frequency",
                        "WEEKLY", "checklist", List.of("Check door seal", "Clean coils"))));
        assertThat(task.get("state").asString()).isEqualTo("DUE");
        assertProblem(tech.post().uri("/api/equipment/maintenance/" + id(task) + "/sign-off")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("checked", List.of("Check door seal"))), 422,
                "Every checklist item must be done before sign-off; not ticked: Clean coils");
        assertThat(dashboardIds("maintenance")).contains(id(task));
        assertThat(tech.get().uri("/equipment/maintenance/" + id(task)).retrieve().body(String.class))
                .contains("Weekly defrost check").contains("Check door seal").contains("Clean coils");
        assertThat(tech.get().uri("/equipment/assets").retrieve().body(String.class)).contains("EQ-IT-F")
                .doesNotContain("Add an asset");
        json(tech.post().uri("/api/equipment/maintenance/" + id(task) + "/sign-off").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("checked", List.of("Check door seal", "Clean coils"))));
        assertThat(dashboardIds("maintenance")).doesNotContain(id(task));
        JsonNode ended = json(admin.post().uri("/api/equipment/maintenance/" + id(task) + "/retire")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "fridge replaced by a frost-free model")));
        assertThat(ended.get("active").asBoolean()).isFalse();
        assertThat(tech.get().uri("/equipment/assets/" + id(fridge)).retrieve().body(String.class)).contains("retired");
    }

    @Test
    void downtimeIsLoggedShownAndAnnounced(@Autowired ApplicationEvents events) {
        JsonNode centrifuge = json(admin.post().uri("/api/equipment/assets").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("tag", "EQ-IT-C", "name", "IT centrifuge", "kind", "CENTRIFUGE", "serialNumber", "C-1")));
        actAsTech();
        Downtime down = equipment.startDowntime(centrifuge.get("id").asLong(), "Imbalance alarm, rotor noise");
        assertThat(events.stream(InstrumentDown.class))
                .anySatisfy(e -> assertThat(e.assetTag()).isEqualTo("EQ-IT-C"));
        assertProblem(tech.post().uri("/api/equipment/assets/" + id(centrifuge) + "/downtime")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", "again")), 409, null);
        assertThat(dashboardIds("downtime")).contains(String.valueOf(down.id()));
        assertThat(tech.get().uri("/equipment/assets/" + id(centrifuge)).retrieve().body(String.class))
                .contains("OUT OF SERVICE").contains("Imbalance alarm");
        json(tech.post().uri("/api/equipment/downtime/" + down.id() + "/end").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("text", "Rotor replaced, balance test passed")));
        assertThat(dashboardIds("downtime")).doesNotContain(String.valueOf(down.id()));
    }

    // ---- helpers

    /** Orders the tests for a new patient, receives the tube and lets the analyzer send the values. */
    private Map<String, JsonNode> measure(List<String> tests, List<AnalyzerSimulator.Measurement> values)
            throws Exception {
        long patient = json(admin.post().uri("/api/patients").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("familyName", "Equipment", "givenName", "Eve", "birthDate", "1975-04-04", "sex", "F")))
                .get("id").asLong();
        JsonNode order = json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patient, "orderableCodes", tests, "priority", "ROUTINE",
                        "orderingProvider", "Dr. Bench")));
        String orderId = id(order);
        JsonNode tubes = json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items");
        assertThat(tubes).hasSize(1);
        String accession = tubes.get(0).get("accession").asString();
        assertThat(status(tech.post().uri("/api/specimens/" + accession + "/receive"))).isEqualTo(200);
        eventually(() -> byLoinc(orderId), m -> m.size() >= tests.size());
        AnalyzerSimulator.sendHl7("localhost", boundPort(), List.of(AnalyzerSimulator.oru(accession, values,
                clock.instant(), clock.getZone())), StandardCharsets.UTF_8);
        return eventually(() -> byLoinc(orderId), m -> m.values().stream().filter(r -> r.get("valueText") != null
                && !r.get("valueText").isNull()).count() >= values.size());
    }

    private int boundPort() {
        return eventually(() -> instruments.status().stream().filter(s -> s.analyzer().id() == analyzer.id())
                .map(AnalyzerStatus::boundPort).filter(p -> p != null && p > 0).findFirst().orElse(null),
                p -> p != null);
    }

    private Map<String, JsonNode> byLoinc(String orderId) {
        var map = new TreeMap<String, JsonNode>();
        json(tech.get().uri("/api/results?orderId=" + orderId + "&size=100")).get("items")
                .forEach(r -> map.put(r.get("loinc").asString(), r));
        return map;
    }

    private JsonNode result(JsonNode r) {
        return json(tech.get().uri("/api/results/" + id(r)));
    }

    private JsonNode stockOf(String name) {
        return json(tech.get().uri("/api/equipment/reagents/stock")).valueStream()
                .filter(s -> name.equals(s.get("reagentName").asString())).findFirst().orElseThrow();
    }

    private static int testsOnHand(JsonNode stock) {
        return stock.get("testsOnHand").asInt();
    }

    private List<String> reorderList() {
        return json(tech.get().uri("/api/equipment/dashboard")).get("reorder").valueStream()
                .map(s -> s.get("reagentName").asString()).toList();
    }

    private List<String> dashboardIds(String list) {
        return json(tech.get().uri("/api/equipment/dashboard")).get(list).valueStream().map(EquipmentIT::id).toList();
    }

    private void switchChemistry(boolean on) {
        JsonNode scope = json(admin.put().uri("/api/results/autoverification/scopes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scopeType", "SECTION", "code", "CHEM", "enabled", on)));
        assertThat(scope.get("enabled").asBoolean()).isEqualTo(on);
    }

    private static void assertProblem(RestClient.RequestHeadersSpec<?> request, int status, String detail) {
        ResponseEntity<JsonNode> response = request.retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(JsonNode.class);
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        if (detail != null) {
            assertThat(response.getBody().get("detail").asString()).isEqualTo(detail);
        }
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return ItSupport.status(request);
    }

    private static String status(JsonNode result) {
        return result.get("status").asString();
    }

    private static String id(JsonNode node) {
        return node.get("id").asString();
    }

    private static JsonNode json(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().body(JsonNode.class);
    }

    private RestClient client(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private static void actAsTech() {
        act("eq-tech", "ROLE_TECHNICIAN");
    }

    private static void act(String user, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                user, null, java.util.Arrays.stream(roles).map(SimpleGrantedAuthority::new).toList()));
    }
}
