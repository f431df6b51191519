package org.lavender.qc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.ItSupport.eventually;
import static org.lavender.ItSupport.status;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditLog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.Transport;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * QC at the bench, as a lab lives it: two chemistry analyzers A and B run potassium controls; a 2-2s rejection on A
 * holds A's potassium results (not B's) from autoverification and shows a banner, until a corrective action and an
 * accepted run; then the patient results since the last good QC are listed for review. Analyzer QC arrives over
 * MLLP and is judged; bad QC input is refused or kept unfiled with the reason; a year of 3-level QC charts fast.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QcLockoutIT {

    private static final String A = "QC-IT A";
    private static final String B = "QC-IT B";
    private static final String C = "QC-IT C";
    private static final String LOT_1 = "QCIT-K1";
    private static final String LOT_2 = "QCIT-K2";
    private static final String LOT_3 = "QCIT-K3";
    private static final DateTimeFormatter HL7_UTC = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(ZoneOffset.UTC);

    @LocalServerPort int port;
    @Autowired StaffDirectory staff;
    @Autowired Instruments instruments;
    @Autowired AuditLog audit;

    private RestClient admin;
    private RestClient tech;
    private final Map<String, Analyzer> analyzers = new HashMap<>();

    @BeforeAll
    void setUp() {
        for (String user : List.of("qc-tech", "qc-verifier")) {
            if (!staff.exists(user)) {
                staff.create(user, user, "secret-" + user, user.endsWith("tech") ? EnumSet.of(Role.TECHNICIAN)
                        : EnumSet.of(Role.VERIFIER, Role.TECHNICIAN));
            }
        }
        admin = client("admin", "admin-test-pass");
        tech = client("qc-tech", "secret-qc-tech");
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            for (String name : List.of(A, B, C)) {
                analyzers.put(name, instruments.analyzerByName(name).orElseGet(() -> instruments.create(
                        new AnalyzerSettings(name, "Generic", "CHEM", AnalyzerProtocol.HL7, Transport.TCP_SERVER, null,
                                0, null, "UTF-8", true, true))));
            }
        } finally {
            SecurityContextHolder.clearContext();
        }
        // A technologist may not set up control lots.
        assertThat(status(tech.post().uri("/api/qc/lots").contentType(MediaType.APPLICATION_JSON)
                .body(lot("QCIT-TECH", "1", LocalDate.now().plusYears(1))))).isEqualTo(403);
        createLot(LOT_1, "1", "4.00", "0.10");
        createLot(LOT_2, "2", "6.00", "0.15");
        createLot(LOT_3, "3", "7.50", "0.20");
        JsonNode rules = json(admin.put().uri("/api/qc/rules/K").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("rules", "1-2s 1-3s 2-2s R-4s 4-1s 10x")));
        assertThat(rules.get("rules").asString()).isEqualTo("1-2s/1-3s/2-2s/R-4s/4-1s/10x");
        switchChemistry(true);
    }

    @AfterAll
    void tearDown() {
        switchChemistry(false);
    }

    @Test
    void aTwoTwoSRejectionOnAHoldsPotassiumFromAButNotFromBUntilCorrectiveActionAndAcceptedQc() throws Exception {
        assertThat(outcomes(record(A, "4.02", "6.05"))).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(outcomes(record(B, "3.97", "5.96"))).containsExactly("ACCEPTED", "ACCEPTED");

        JsonNode releasedBefore = potassiumFrom(A, "4.2");
        assertThat(eventually(() -> result(releasedBefore), r -> r.get("status").asString().equals("FINAL"))
                .get("verifiedBy").asString()).isEqualTo("autoverification");

        // Level 1 at +2.5 SD and level 2 at +2.33 SD in one run: 2-2s within the run across levels.
        JsonNode rejected = record(A, "4.25", "6.35");
        assertThat(outcomes(rejected)).containsExactly("WARNING", "REJECTED");
        String violation = rejected.get(1).get("violations").valueStream().map(JsonNode::asString)
                .filter(v -> v.startsWith("2-2s")).findFirst().orElseThrow();
        assertThat(violation).startsWith("2-2s: ").contains(LOT_1 + " 4.25 (+2.50 SD)").contains(LOT_2 + " 6.35 (+2.33 SD)")
                .contains("within the run");
        assertThat(rejected.get(0).get("violations").get(0).asString()).startsWith("1-2s: ");
        assertThat(rejected.get(0).get("evaluation").asString()).contains("R-4s not evaluable (no second level in this run)");

        JsonNode statusA = json(tech.get().uri("/api/qc/status?test=K&analyzer=" + A));
        assertThat(statusA.get("inControl").asBoolean()).isFalse();
        assertThat(statusA.get("detail").asString()).startsWith("QC K on " + A + ": lot " + LOT_2 + " rejected 2-2s at ")
                .endsWith("corrective action pending");
        assertThat(json(tech.get().uri("/api/qc/status?test=K&analyzer=" + B)).get("inControl").asBoolean()).isTrue();

        JsonNode heldOnA = potassiumFrom(A, "4.3");
        JsonNode releasedOnB = potassiumFrom(B, "4.3");
        JsonNode held = eventually(() -> result(heldOnA), r -> r.get("status").asString().equals("PRELIMINARY"));
        assertThat(eventually(() -> intelligence(held), i -> i.get("checks").get("heldReasons") != null)
                .get("checks").get("heldReasons").asString()).contains("QC K on " + A).contains("2-2s");
        assertThat(eventually(() -> result(releasedOnB), r -> r.get("status").asString().equals("FINAL"))
                .get("verifiedBy").asString()).isEqualTo("autoverification");

        assertThat(tech.get().uri("/qc/banner").retrieve().body(String.class)).contains("QC out of control")
                .contains("K on " + A).doesNotContain(B).contains("corrective action pending");
        JsonNode lockout = json(tech.get().uri("/api/qc/lockouts")).valueStream()
                .filter(l -> A.equals(l.get("analyzer").asString())).findFirst().orElseThrow();
        String lockoutId = lockout.get("id").asString();

        // Acceptable QC alone does not end the lockout: a corrective action is needed too (and a blank one is refused).
        assertThat(outcomes(record(A, "4.01", "5.98"))).containsExactly("ACCEPTED", "ACCEPTED");
        assertThat(json(tech.get().uri("/api/qc/status?test=K&analyzer=" + A)).get("detail").asString())
                .endsWith("corrective action pending");
        assertThat(status(tech.post().uri("/api/qc/lockouts/" + lockoutId + "/actions")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("action", " ")))).isEqualTo(422);
        JsonNode ended = json(tech.post().uri("/api/qc/lockouts/" + lockoutId + "/actions")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("action", "Recalibrated potassium ISE, new reference electrode", "performedBy", "R. Bench")));
        assertThat(ended.get("releasedAt")).isNotNull();
        assertThat(ended.get("actions").get(0).get("performedBy").asString()).isEqualTo("R. Bench");
        assertThat(ended.get("actions").get(0).get("recordedBy").asString()).isEqualTo("qc-tech");
        assertThat(json(tech.get().uri("/api/qc/status?test=K&analyzer=" + A)).get("inControl").asBoolean()).isTrue();
        assertThat(tech.get().uri("/qc/banner").retrieve().body(String.class)).doesNotContain("K on " + A);

        // The results since the last good QC run on A are listed for review: the released one and the held one.
        List<String> affected = json(tech.get().uri("/api/qc/lockouts/" + lockoutId + "/affected")).valueStream()
                .map(r -> r.get("id").asString()).toList();
        assertThat(affected).contains(releasedBefore.get("id").asString(), heldOnA.get("id").asString())
                .doesNotContain(releasedOnB.get("id").asString());
        assertThat(tech.get().uri("/qc/lockouts/" + lockoutId).retrieve().body(String.class))
                .contains(releasedBefore.get("accession").asString()).contains(held.get("accession").asString())
                .doesNotContain(releasedOnB.get("accession").asString()).contains("Patient results to review")
                .contains("Recalibrated potassium ISE");
        assertThat(result(heldOnA).get("status").asString()).isEqualTo("PRELIMINARY");

        JsonNode afterwards = potassiumFrom(A, "4.1");
        assertThat(eventually(() -> result(afterwards), r -> r.get("status").asString().equals("FINAL"))
                .get("verifiedBy").asString()).isEqualTo("autoverification");
        assertThat(audit.history("qc-lockout", lockoutId)).extracting(e -> e.action())
                .containsExactly("LOCKOUT", "RELEASE");
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void qcSentByAnAnalyzerIsJudgedAndWhatCannotBeFiledIsKeptWithTheReason() throws Exception {
        sendQc(B, "QCIT-MLLP-1", LOT_1, "4.03", "mmol/L");
        JsonNode filed = eventually(() -> json(tech.get().uri("/api/qc/results?test=K&analyzer=" + B + "&size=5"))
                .get("items").valueStream().filter(v -> v.get("source").asString().equals("ANALYZER")).findFirst()
                .orElse(null), v -> v != null);
        assertThat(filed.get("value").decimalValue()).isEqualByComparingTo("4.03");
        assertThat(filed.get("lotNumber").asString()).isEqualTo(LOT_1);
        assertThat(filed.get("recordedBy").asString()).isEqualTo("analyzer:" + B);
        assertThat(filed.get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(filed.get("evaluation").asString()).contains("1-3s pass");

        sendQc(B, "QCIT-MLLP-2", "QCIT-NOPE", "4.00", "mmol/L");
        sendQc(B, "QCIT-MLLP-3", LOT_2, "108", "mg/dL");
        String unfiled = eventually(() -> tech.get().uri("/qc/unfiled").retrieve().body(String.class),
                page -> page.contains("QCIT-NOPE") && page.contains("mg/dL"));
        assertThat(unfiled).contains("unknown control lot &#39;QCIT-NOPE&#39;")
                .contains("instrument code &#39;2823-3&#39; in &#39;mg/dL&#39; was not mapped to a catalog test by "
                        + B);

        // Once the lot and its target exist, the kept message is filed and judged; a second attempt is refused.
        String waiting = json(tech.get().uri("/api/qc/unfiled")).valueStream()
                .filter(u -> u.get("controlId").asString().equals("QCIT-NOPE")).findFirst().orElseThrow()
                .get("id").asString();
        assertThat(status(tech.post().uri("/api/qc/unfiled/" + waiting + "/file"))).isEqualTo(422);
        createLot("QCIT-NOPE", "1", "4.00", "0.10");
        JsonNode refiled = json(tech.post().uri("/api/qc/unfiled/" + waiting + "/file"));
        assertThat(refiled.get("lotNumber").asString()).isEqualTo("QCIT-NOPE");
        assertThat(refiled.get("outcome").asString()).isEqualTo("ACCEPTED");
        assertThat(status(tech.post().uri("/api/qc/unfiled/" + waiting + "/file"))).isEqualTo(409);
        assertThat(json(tech.get().uri("/api/qc/unfiled")).valueStream()
                .noneMatch(u -> u.get("id").asString().equals(waiting))).isTrue();
    }

    @Test
    void badQcInputIsRefusedWithAClearErrorAndNothingIsStored() {
        int before = json(tech.get().uri("/api/qc/results?test=K&analyzer=" + A + "&size=500")).get("items").size();
        assertThat(problem(tech, List.of(entry(LOT_1, A, "4.01"), entry(LOT_2, A, "six"))))
                .contains("Value 2 (" + LOT_2 + "): QC value 'six' is not a number; nothing was recorded");
        assertThat(problem(tech, List.of(entry("QCIT-UNKNOWN", A, "4.0")))).contains("Unknown control lot 'QCIT-UNKNOWN'");
        var wrongUnit = new HashMap<>(entry(LOT_1, A, "4.0"));
        wrongUnit.put("unit", "mg/dL");
        assertThat(problem(tech, List.of(wrongUnit))).contains("Unit 'mg/dL' is not the target's unit mmol/L");
        assertThat(problem(tech, List.of(entry(LOT_3, A, "7.4")))).contains("has no target mean/SD for K on " + A);
        assertThat(json(tech.get().uri("/api/qc/results?test=K&analyzer=" + A + "&size=500")).get("items").size())
                .isEqualTo(before);

        assertThat(problem(admin, "/api/qc/targets", target(LOT_3, A, "0", "0.2"), "put"))
                .contains("The target mean may not be zero");
        assertThat(problem(admin, "/api/qc/targets", target(LOT_3, A, "7.5", "0"), "put"))
                .contains("The target SD must be greater than zero");
        var noSd = new HashMap<>(target(LOT_3, A, "7.5", "1"));
        noSd.remove("sd");
        assertThat(problem(admin, "/api/qc/targets", noSd, "put")).contains("Enter the target SD");

        JsonNode expiring = json(admin.post().uri("/api/qc/lots").contentType(MediaType.APPLICATION_JSON)
                .body(lot("QCIT-EXP", "1", LocalDate.now().plusDays(30))));
        json(admin.put().uri("/api/qc/targets").contentType(MediaType.APPLICATION_JSON)
                .body(target("QCIT-EXP", A, "4.0", "0.1")));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
        try {
            qcService.updateLot(expiring.get("id").asLong(), expiring.get("version").asInt(), new NewControlLot(
                    "QCIT-EXP", "IT control", null, "1", LocalDate.now().minusDays(1), null, null));
        } finally {
            SecurityContextHolder.clearContext();
        }
        assertThat(problem(tech, List.of(entry("QCIT-EXP", A, "4.0")))).contains("Control lot QCIT-EXP expired on");
    }

    @Autowired QualityControl qcService;

    @Test
    void aYearOfThreeLevelDailyQcChartsFastWithItsMonthlyPdf() throws Exception {
        LocalDate today = LocalDate.now();
        Random random = new Random(365);
        var entries = new ArrayList<Map<String, Object>>();
        double[] means = {4.00, 6.00, 7.50};
        double[] sds = {0.10, 0.15, 0.20};
        String[] lots = {LOT_1, LOT_2, LOT_3};
        int streak = 0;
        double lastSide = 0;
        for (int day = 365; day >= 1; day--) {
            String at = today.minusDays(day).atTime(7, 0).atZone(java.time.ZoneId.systemDefault()).toInstant().toString();
            for (int level = 0; level < 3; level++) {
                double z = Math.max(-1.8, Math.min(1.8, random.nextGaussian() * 0.6));
                if (Math.signum(z) == lastSide && ++streak > 4) {
                    z = -z;
                    streak = 1;
                } else if (Math.signum(z) != lastSide) {
                    streak = 1;
                }
                lastSide = Math.signum(z);
                var e = new HashMap<>(entry(lots[level], C, String.format(java.util.Locale.ROOT, "%.2f",
                        means[level] + z * sds[level])));
                e.put("observedAt", at);
                entries.add(e);
            }
        }
        // One day with a 1-3s rejection on level 3, so the chart marks a violation.
        var outlier = new HashMap<>(entry(LOT_3, C, "8.20"));
        outlier.put("observedAt", today.minusDays(40).atTime(15, 0).atZone(java.time.ZoneId.systemDefault())
                .toInstant().toString());
        entries.add(outlier);
        long seeded = System.nanoTime();
        JsonNode recorded = json(tech.post().uri("/api/qc/results").contentType(MediaType.APPLICATION_JSON).body(entries));
        System.out.printf("QC bench: recorded and judged %d values of one year (3 levels) in one request: %d ms%n",
                recorded.size(), (System.nanoTime() - seeded) / 1_000_000);
        assertThat(recorded.size()).isEqualTo(1096);
        assertThat(recorded.valueStream().filter(v -> v.get("outcome").asString().equals("REJECTED")).count()).isEqualTo(1);

        String uri = "/qc/chart?test=K&analyzer=" + C + "&from=" + today.minusDays(365) + "&to=" + today;
        String page = tech.get().uri(uri).retrieve().body(String.class);
        assertThat(page).contains("lot " + LOT_1).contains("lot " + LOT_3).contains("<svg").contains("qc-rejected")
                .contains("1-3s").contains("+3 SD");
        // Timed as a browser at the bench sees it: signed in once (session cookie), not HTTP Basic, whose password
        // hash check on every request would dominate the figure.
        RestClient bench = signedIn("qc-tech", "secret-qc-tech");
        bench.get().uri(uri).retrieve().body(String.class);
        long[] millis = new long[10];
        long[] built = new long[millis.length];
        var builtIn = java.util.regex.Pattern.compile("Built in (\\d+) ms");
        for (int i = 0; i < millis.length; i++) {
            long start = System.nanoTime();
            String again = bench.get().uri(uri).retrieve().body(String.class);
            millis[i] = (System.nanoTime() - start) / 1_000_000;
            var m = builtIn.matcher(again);
            assertThat(m.find()).as("the chart page, signed in").isTrue();
            built[i] = Long.parseLong(m.group(1));
        }
        Arrays.sort(millis);
        Arrays.sort(built);
        System.out.printf("QC bench: Levey-Jennings page, 1 year of daily 3-level QC (1,096 values, 3 charts):"
                + " HTTP p50 %d ms, max %d ms; charts built (query + SVG) p50 %d ms, over %d requests%n",
                millis[millis.length / 2], millis[millis.length - 1], built[built.length / 2], millis.length);

        ResponseEntity<byte[]> pdf = tech.get().uri("/qc/chart.pdf?test=K&analyzer=" + C + "&month="
                + java.time.YearMonth.from(today.minusDays(40))).retrieve().toEntity(byte[].class);
        assertThat(pdf.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(new String(pdf.getBody(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        assertThat(status(tech.get().uri("/qc/chart.pdf?test=K&analyzer=" + C + "&month=2026-13"))).isEqualTo(422);

        screenshot("/qc/chart?test=K&analyzer=" + C + "&lot=" + lotId(LOT_3) + "&from=" + today.minusDays(90)
                + "&to=" + today);
    }

    @Test
    void aProvisionalTargetIsReplacedByTheLabsOwnMeanAndSdAfterTwentyValues() {
        String lot = "QCIT-NEW";
        if (json(admin.get().uri("/api/qc/lots")).valueStream().noneMatch(l -> l.get("lotNumber").asString().equals(lot))) {
            json(admin.post().uri("/api/qc/lots").contentType(MediaType.APPLICATION_JSON)
                    .body(lot(lot, "1", LocalDate.now().plusYears(1))));
        }
        var provisional = new HashMap<>(target(lot, B, "4.00", "0.06"));
        provisional.put("source", "PROVISIONAL");
        json(admin.put().uri("/api/qc/targets").contentType(MediaType.APPLICATION_JSON).body(provisional));
        // 20 values on 20 days before today, as a lab runs a new lot in parallel with the old one.
        double[] values = {4.02, 3.95, 4.10, 3.98, 4.05, 3.90, 4.00, 4.08, 3.97, 4.03, 3.93, 4.06, 4.01, 3.99, 4.12,
                3.96, 4.04, 3.94, 4.00, 3.97};
        var entries = new ArrayList<Map<String, Object>>();
        for (int i = 0; i < values.length; i++) {
            var e = new HashMap<>(entry(lot, B, String.valueOf(values[i])));
            e.put("observedAt", Instant.now().minus(Duration.ofDays(values.length - i)).toString());
            entries.add(e);
        }
        assertThat(json(tech.post().uri("/api/qc/results").contentType(MediaType.APPLICATION_JSON).body(entries))
                .size()).isEqualTo(20);
        JsonNode established = json(tech.get().uri("/api/qc/lots/" + lot + "/targets")).get(0);
        assertThat(established.get("source").asString()).isEqualTo("LAB");
        // The worked example of the clinical reference shifted by −1: mean 4.005, SD 0.0582 (0.058 there, rounded).
        assertThat(established.get("mean").decimalValue()).isEqualByComparingTo("4.0050");
        assertThat(established.get("sd").decimalValue()).isEqualByComparingTo("0.0582");
        assertThat(audit.history("qc-target", established.get("id").asString()).stream()
                .anyMatch(e -> "established from the lab's first 20 accepted values".equals(e.reason()))).isTrue();
    }

    @Test
    void theQcPagesRenderForTheBench() {
        long lot1 = lotId(LOT_1);
        assertThat(tech.get().uri("/qc").retrieve().body(String.class)).contains("Monitored tests").contains(C)
                .contains("1-2s/1-3s/2-2s/R-4s/4-1s/10x");
        assertThat(tech.get().uri("/qc/lots").retrieve().body(String.class)).contains(LOT_1).contains("New control lot");
        assertThat(tech.get().uri("/qc/lots/" + lot1).retrieve().body(String.class)).contains("Set a target")
                .contains(A).contains("4.00");
        assertThat(tech.get().uri("/qc/entry?test=K&analyzer=" + B).retrieve().body(String.class))
                .contains("Record run").contains(LOT_1).contains(LOT_2).doesNotContain(LOT_3);
        assertThat(tech.get().uri("/qc/results?test=K&outcome=ACCEPTED").retrieve().body(String.class))
                .contains("QC results").contains("ACCEPTED");
        assertThat(tech.get().uri("/qc/lockouts").retrieve().body(String.class)).contains("Open").contains("Ended");
        assertThat(tech.get().uri("/qc/unfiled").retrieve().body(String.class)).contains("Unfiled analyzer QC");
        assertThat(tech.get().uri("/qc/chart?test=K&analyzer=" + B).retrieve().body(String.class))
                .contains("lot " + LOT_2).contains("<svg");
        // The bench enters a run on the form; a value that is not a number re-shows the form with the reason.
        String refused = tech.post().uri("/qc/entry").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body("test=K&analyzer=" + B.replace(" ", "+") + "&lot=" + LOT_1 + "&value=abc&lot=" + LOT_2 + "&value=6.0")
                .retrieve().body(String.class);
        assertThat(refused).contains("QC value &#39;abc&#39; is not a number").contains("Record run");
    }

    // --- helpers ---

    private void screenshot(String path) throws IOException {
        Path chromium = Path.of("/usr/bin/chromium");
        Path driver = Path.of("/usr/bin/chromedriver");
        assumeTrue(Files.isExecutable(chromium) && Files.isExecutable(driver), "Chromium not installed: no screenshot");
        var options = new ChromeOptions().setBinary(chromium.toString()).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--window-size=1280,900");
        WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile())
                .build(), options);
        try {
            browser.get("http://localhost:" + port + "/login");
            browser.findElement(By.name("username")).sendKeys("qc-tech");
            browser.findElement(By.name("password")).sendKeys("secret-qc-tech", Keys.ENTER);
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlToBe("http://localhost:" + port + "/"));
            browser.get("http://localhost:" + port + path.replace(" ", "%20"));
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("svg.lj")));
            Path shots = Path.of("target", "screenshots");
            Files.createDirectories(shots);
            Files.write(shots.resolve("levey-jennings.png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.quit();
        }
    }

    private long lotId(String lotNumber) {
        return json(tech.get().uri("/api/qc/lots")).valueStream()
                .filter(l -> l.get("lotNumber").asString().equals(lotNumber)).findFirst().orElseThrow().get("id").asLong();
    }

    private void createLot(String lotNumber, String level, String mean, String sd) {
        if (json(admin.get().uri("/api/qc/lots")).valueStream().noneMatch(l -> l.get("lotNumber").asString()
                .equals(lotNumber))) {
            JsonNode created = json(admin.post().uri("/api/qc/lots").contentType(MediaType.APPLICATION_JSON)
                    .body(lot(lotNumber, level, LocalDate.now().plusYears(1))));
            assertThat(created.get("lotNumber").asString()).isEqualTo(lotNumber);
        }
        for (String analyzer : level.equals("3") ? List.of(C) : List.of(A, B, C)) {
            JsonNode t = json(admin.put().uri("/api/qc/targets").contentType(MediaType.APPLICATION_JSON)
                    .body(target(lotNumber, analyzer, mean, sd)));
            assertThat(t.get("unit").asString()).isEqualTo("mmol/L");
        }
    }

    private static Map<String, Object> lot(String lotNumber, String level, LocalDate expires) {
        return Map.of("lotNumber", lotNumber, "material", "IT chemistry control", "manufacturer", "IT",
                "level", level, "expiresOn", expires.toString(), "openVialDays", 30);
    }

    private static Map<String, Object> target(String lot, String analyzer, String mean, String sd) {
        return Map.of("lotNumber", lot, "testCode", "K", "analyzer", analyzer, "mean", new java.math.BigDecimal(mean),
                "sd", new java.math.BigDecimal(sd), "source", "MANUFACTURER");
    }

    private static Map<String, Object> entry(String lot, String analyzer, String value) {
        return Map.of("lotNumber", lot, "testCode", "K", "analyzer", analyzer, "valueText", value);
    }

    /** A run of both levels on an analyzer, measured now. */
    private JsonNode record(String analyzer, String level1, String level2) {
        return json(tech.post().uri("/api/qc/results").contentType(MediaType.APPLICATION_JSON)
                .body(List.of(entry(LOT_1, analyzer, level1), entry(LOT_2, analyzer, level2))));
    }

    private static List<String> outcomes(JsonNode values) {
        return values.valueStream().map(v -> v.get("outcome").asString()).toList();
    }

    private String problem(RestClient client, List<?> body) {
        return problem(client, "/api/qc/results", body, "post");
    }

    private String problem(RestClient client, String uri, Object body, String method) {
        var spec = method.equals("put") ? client.put().uri(uri) : client.post().uri(uri);
        ResponseEntity<String> response = spec.contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { }).toEntity(String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(422);
        return response.getBody();
    }

    /** A potassium ordered, received, and measured on the analyzer: the pending result as filed. */
    private JsonNode potassiumFrom(String analyzer, String value) throws IOException {
        long patient = json(admin.post().uri("/api/patients").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("familyName", "Control", "givenName", "Quinn", "birthDate", "1975-04-04", "sex", "F")))
                .get("id").asLong();
        String orderId = json(admin.post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("patientId", patient, "orderableCodes", List.of("K"), "priority", "ROUTINE",
                        "orderingProvider", "Dr. Westgard"))).get("id").asString();
        String accession = json(tech.get().uri("/api/specimens?orderId=" + orderId)).get("items").get(0)
                .get("accession").asString();
        assertThat(status(tech.post().uri("/api/specimens/" + accession + "/receive"))).isEqualTo(200);
        JsonNode pending = eventually(() -> json(tech.get().uri("/api/results?orderId=" + orderId)).get("items"),
                items -> items.size() == 1).get(0);
        String ack = mllp(analyzer, String.join("\r",
                "MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|" + HL7_UTC.format(Instant.now()) + "+0000||ORU^R01^ORU_R01|QCIT-"
                        + accession + "|P|2.5.1",
                "PID|1",
                "OBR|1||" + accession + "|2823-3^Potassium^LN",
                "OBX|1|NM|2823-3^Potassium^LN||" + value + "|mmol/L||||||F",
                "SPM|1|" + accession + "||SER") + "\r");
        assertThat(ack).contains("MSA|AA");
        return eventually(() -> result(pending), r -> r.get("valueText") != null
                && r.get("valueText").asString().equals(value));
    }

    private void sendQc(String analyzer, String controlId, String lot, String value, String unit) throws IOException {
        String now = HL7_UTC.format(Instant.now()) + "+0000";
        String ack = mllp(analyzer, String.join("\r",
                "MSH|^~\\&|GENERIC|LAB|LAVENDER|LAB|" + now + "||ORU^R01^ORU_R01|" + controlId + "|P|2.5.1",
                "PID|1",
                "OBR|1||" + lot + "|2823-3^Potassium^LN",
                "OBX|1|NM|2823-3^Potassium^LN||" + value + "|" + unit + "||||||F|||" + now,
                "SPM|1|" + lot + "||SER|||||||Q") + "\r");
        assertThat(ack).contains("MSA|AA|" + controlId);
    }

    private String mllp(String analyzerName, String message) throws IOException {
        long id = analyzers.get(analyzerName).id();
        Integer bound = eventually(() -> instruments.status().stream().filter(s -> s.analyzer().id() == id)
                .findFirst().orElseThrow().boundPort(), p -> p != null);
        try (Socket socket = new Socket("127.0.0.1", bound)) {
            socket.setSoTimeout(10_000);
            byte[] payload = message.getBytes(StandardCharsets.UTF_8);
            byte[] framed = new byte[payload.length + 3];
            framed[0] = 0x0B;
            System.arraycopy(payload, 0, framed, 1, payload.length);
            framed[framed.length - 2] = 0x1C;
            framed[framed.length - 1] = 0x0D;
            socket.getOutputStream().write(framed);
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            var reply = new ByteArrayOutputStream();
            int previous = -1;
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (previous == 0x1C && b == 0x0D) {
                    break;
                }
                if (b != 0x0B && b != 0x1C) {
                    reply.write(b);
                }
                previous = b;
            }
            return reply.toString(StandardCharsets.UTF_8);
        }
    }

    private JsonNode result(JsonNode r) {
        return json(tech.get().uri("/api/results/" + r.get("id").asString()));
    }

    private JsonNode intelligence(JsonNode r) {
        return json(tech.get().uri("/api/results/" + r.get("id").asString() + "/intelligence"));
    }

    private void switchChemistry(boolean on) {
        JsonNode scope = json(admin.put().uri("/api/results/autoverification/scopes")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("scopeType", "SECTION", "code", "CHEM", "enabled", on)));
        assertThat(scope.get("enabled").asBoolean()).isEqualTo(on);
    }

    /** A client signed in through the login form, keeping its session cookie like a browser. */
    private RestClient signedIn(String user, String password) {
        var cookies = new java.net.CookieManager();
        var http = java.net.http.HttpClient.newBuilder().cookieHandler(cookies)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        RestClient client = RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new org.springframework.http.client.JdkClientHttpRequestFactory(http)).build();
        String login = client.get().uri("/login").retrieve().body(String.class);
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
        assertThat(csrf.find()).isTrue();
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("username", user);
        form.add("password", password);
        form.add("_csrf", csrf.group(1));
        assertThat(client.post().uri("/login").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(302);
        return client;
    }

    private RestClient client(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, password)).build();
    }

    private static JsonNode json(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().body(JsonNode.class);
    }
}
