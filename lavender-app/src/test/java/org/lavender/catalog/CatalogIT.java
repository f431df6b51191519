package org.lavender.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.shared.Interpretation;
import org.lavender.shared.Sex;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

@LavenderIT
class CatalogIT {

    private static final long ADULT_40Y = 40 * 365;
    private static final long CHILD_12Y = 12 * 365;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @Autowired Catalog catalog;
    @Autowired AuditLog audit;
    @Autowired StaffDirectory staff;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    @Test
    void starterMenuHasSixtyTestsAllWithValidLoincAndSections() {
        List<TestDefinition> all = catalog.sections().stream()
                .flatMap(s -> catalog.testsInSection(s.code()).stream()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).filteredOn(t -> t.loinc() != null)
                .allSatisfy(t -> assertThat(LoincCode.isValid(t.loinc())).as(t.code()).isTrue());
        // Only the hemolysis index test goes without: no LOINC code for it could be confirmed (catalog V12).
        assertThat(all).filteredOn(t -> t.loinc() == null).extracting(TestDefinition::code).containsExactly("HIDX");
        assertThat(catalog.test("46426-3")).get().extracting(TestDefinition::code).isEqualTo("IIDX");
        assertThat(catalog.searchOrderables("index", 10)).extracting(Orderable::code)
                .containsExactly("HIDX", "IIDX", "LIDX");
        assertThat(catalog.sections()).extracting(Section::code)
                .containsExactly("CHEM", "HEME", "COAG", "UA", "MICRO", "IMMUNO");
        assertThat(catalog.test("2823-3")).get().extracting(TestDefinition::code).isEqualTo("K");
        assertThat(catalog.test("k")).get().extracting(TestDefinition::unit).isEqualTo("mmol/L");
    }

    @Test
    void containersComeInClsiOrderOfDraw() {
        assertThat(catalog.containers()).extracting(ContainerType::code)
                .startsWith("BCB", "LBLU", "RED", "GOLD", "LGRN", "LAV", "RBLU", "GREY");
        assertThat(catalog.container("LBLU")).get().satisfies(c -> {
            assertThat(c.drawVolumeMl()).isEqualByComparingTo("2.7");
            assertThat(c.additive()).contains("3.2%");
        });
    }

    @Test
    void eightPanelsExpandIntoTheirTestsInOrder() {
        assertThat(catalog.panels()).extracting(Orderable::code)
                .contains("BMP", "CMP", "CBC", "LIPID", "COAG", "HEPATIC", "RENAL", "UA");
        assertThat(catalog.orderable("51990-0")).get().satisfies(bmp -> {
            assertThat(bmp.panel()).isTrue();
            assertThat(bmp.tests()).extracting(TestDefinition::code)
                    .containsExactly("GLU", "BUN", "CREA", "NA", "K", "CL", "CO2", "CA");
        });
        assertThat(catalog.orderable("CMP")).get().extracting(o -> o.tests().size()).isEqualTo(14);
        assertThat(catalog.orderable("57021-8")).get().extracting(o -> o.tests().size()).isEqualTo(20);
        assertThat(catalog.orderable("LIPID")).get().extracting(Orderable::loinc).isEqualTo("24331-1");
        assertThat(catalog.orderable("COAG").orElseThrow().tests()).extracting(TestDefinition::code)
                .containsExactly("PT", "INR", "APTT", "FIB");
        assertThat(catalog.orderable("24325-3").orElseThrow().tests()).hasSize(7);
        assertThat(catalog.orderable("24362-6").orElseThrow().tests()).hasSize(10);
        Orderable ua = catalog.orderable("24357-6").orElseThrow();
        assertThat(ua.tests()).hasSize(12);
        assertThat(ua.tests()).filteredOn(t -> t.code().equals("UPROT")).singleElement().satisfies(t -> {
            assertThat(t.resultType()).isEqualTo(ResultType.CODED);
            assertThat(t.answers()).containsExactly("negative", "trace", "1+", "2+", "3+", "4+");
            assertThat(t.abnormalAnswers()).doesNotContain("negative");
        });
        assertThat(catalog.test("USG")).get().extracting(TestDefinition::resultType).isEqualTo(ResultType.NUMERIC);
    }

    @Test
    void singleTestsAreOrderableButCalculatedOnesAreNot() {
        assertThat(catalog.orderable("K")).get().satisfies(o -> {
            assertThat(o.panel()).isFalse();
            assertThat(o.tests()).extracting(TestDefinition::code).containsExactly("K");
        });
        assertThat(catalog.test("AGAP")).isPresent();
        assertThat(catalog.orderable("AGAP")).isEmpty();
        assertThat(catalog.searchOrderables("potass", 10)).extracting(Orderable::code).containsExactly("K");
        assertThat(catalog.searchOrderables("panel", 20)).allMatch(Orderable::panel);
        assertThat(catalog.searchOrderables("", 5)).hasSize(5).allMatch(Orderable::panel);
    }

    @Test
    void intervalsBySexAndAge() {
        ReferenceInterval kAdult = catalog.interval("K", Sex.MALE, ADULT_40Y).orElseThrow();
        ReferenceInterval kChild = catalog.interval("K", Sex.FEMALE, CHILD_12Y).orElseThrow();
        assertThat(kAdult.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.HH);
        assertThat(kChild.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.H);
        assertThat(kChild.flag(new BigDecimal("2.9"))).isEqualTo(Interpretation.LL);
        assertThat(kAdult.flag(new BigDecimal("2.9"))).isEqualTo(Interpretation.L);

        assertThat(catalog.interval("HGB", Sex.MALE, ADULT_40Y).orElseThrow().text()).isEqualTo("13.5–17.5");
        assertThat(catalog.interval("HGB", Sex.FEMALE, ADULT_40Y).orElseThrow().text()).isEqualTo("12–15.5");
        assertThat(catalog.interval("HGB", Sex.UNKNOWN, ADULT_40Y).orElseThrow().criticalLow())
                .isEqualByComparingTo("7.0");
        assertThat(catalog.interval("CREA", Sex.FEMALE, ADULT_40Y).orElseThrow().high())
                .isEqualByComparingTo("1.04");

        ReferenceInterval chloride = catalog.interval("CL", Sex.MALE, ADULT_40Y).orElseThrow();
        assertThat(chloride.flag(new BigDecimal("75"))).isEqualTo(Interpretation.LL);
        assertThat(chloride.flag(new BigDecimal("121"))).isEqualTo(Interpretation.HH);
        assertThat(catalog.interval("LACT", Sex.FEMALE, ADULT_40Y).orElseThrow().flag(new BigDecimal("3.5")))
                .isEqualTo(Interpretation.HH);

        ReferenceInterval neonateGlucose = catalog.interval("GLU", Sex.MALE, 3).orElseThrow();
        assertThat(neonateGlucose.flag(new BigDecimal("39"))).isEqualTo(Interpretation.LL);
        assertThat(neonateGlucose.flag(new BigDecimal("45"))).isEqualTo(Interpretation.N);
        assertThat(catalog.interval("GLU", Sex.MALE, ADULT_40Y).orElseThrow().flag(new BigDecimal("45")))
                .isEqualTo(Interpretation.LL);

        assertThat(catalog.interval("ALP", Sex.MALE, CHILD_12Y)).isEmpty();
        ReferenceInterval k = catalog.interval("K", Sex.MALE, ADULT_40Y).orElseThrow();
        assertThat(catalog.intervalById(k.id())).contains(k);
    }

    @Test
    void adminEditsATestOverHttpWithCsrfAndEveryChangeIsAudited() {
        Browser admin = signIn("admin", "admin-test-pass");
        String page = admin.get("/catalog/tests/LIP").getBody();
        assertThat(page).contains("Lipase").contains("3040-3");
        String version = field(page, "version");

        // Without the CSRF token the form post is refused outright.
        assertThat(admin.postWithoutCsrf("/catalog/tests/LIP", form("version", version, "name", "Lipase x",
                "unit", "U/L", "decimals", "0", "specimenType", "serum", "containerCode", "GOLD", "active", "true",
                "reason", "no token")).getStatusCode().value()).isEqualTo(403);

        // A unit that is not UCUM is refused with the reason and nothing is stored.
        ResponseEntity<String> badUnit = admin.post("/catalog/tests/LIP", form("version", version,
                "name", "Lipase", "unit", "units/litre", "decimals", "0", "specimenType", "serum",
                "containerCode", "GOLD", "active", "true", "reason", "wrong unit"));
        assertThat(badUnit.getStatusCode().value()).isEqualTo(422);
        assertThat(badUnit.getBody()).contains("not valid UCUM");
        assertThat(catalog.test("LIP").orElseThrow().unit()).isEqualTo("U/L");

        // A change without a reason is refused.
        assertThat(admin.post("/catalog/tests/LIP", form("version", version, "name", "Lipase (serum)",
                "unit", "U/L", "decimals", "0", "specimenType", "serum", "containerCode", "GOLD", "active", "true",
                "reason", "")).getStatusCode().value()).isEqualTo(422);

        ResponseEntity<String> saved = admin.post("/catalog/tests/LIP", form("version", version,
                "name", "Lipase (serum)", "unit", "U/L", "decimals", "1", "specimenType", "serum",
                "containerCode", "LGRN", "active", "true", "reason", "new analyzer reports one decimal"));
        assertThat(saved.getStatusCode().value()).isEqualTo(302);
        TestDefinition lipase = catalog.test("LIP").orElseThrow();
        assertThat(lipase.name()).isEqualTo("Lipase (serum)");
        assertThat(lipase.decimals()).isEqualTo(1);
        assertThat(lipase.containerCode()).isEqualTo("LGRN");
        AuditEntry entry = last(audit.history("catalog.test", "LIP"));
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.oldValue()).contains("name: Lipase").contains("decimals: 0").contains("container: GOLD");
        assertThat(entry.newValue()).contains("name: Lipase (serum)").contains("decimals: 1");
        assertThat(entry.reason()).isEqualTo("new analyzer reports one decimal");

        // The form read at the old version is now stale: the second editor is told, not silently overwritten.
        assertThat(admin.post("/catalog/tests/LIP", form("version", version, "name", "Lipase again",
                "unit", "U/L", "decimals", "0", "specimenType", "serum", "containerCode", "GOLD", "active", "true",
                "reason", "stale form")).getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void adminAddsANewTestThatCanBeOrderedAndBadOnesAreRefusedWithTheReason() {
        Browser admin = signIn("admin", "admin-test-pass");
        assertThat(admin.get("/catalog/tests/new").getBody()).contains("New test").contains("name=\"loinc\"");

        // A LOINC code with a wrong check digit, a LOINC already used, a code already used, a numeric test without
        // a UCUM unit, a coded test without answers and a hostile code are each refused, and nothing is stored.
        record Refusal(String field, String value, String because) {
        }
        for (Refusal bad : List.of(
                new Refusal("loinc", "1989-4", "check digit"),
                new Refusal("loinc", "2823-3", "already test K"),
                new Refusal("code", "K", "already used"),
                new Refusal("unit", "nanograms", "not valid UCUM"),
                new Refusal("code", "VITD'; drop table catalog.test;--", "1 to 16 letters"))) {
            var form = newTestForm();
            form.set(bad.field(), bad.value());
            ResponseEntity<String> refused = admin.post("/catalog/tests", form);
            assertThat(refused.getStatusCode().value()).as(bad.toString()).isEqualTo(422);
            assertThat(refused.getBody()).as(bad.toString()).contains(bad.because());
        }
        var coded = newTestForm();
        coded.set("resultType", "CODED");
        coded.set("unit", "");
        coded.set("decimals", "");
        assertThat(admin.post("/catalog/tests", coded).getBody()).contains("needs its list of answers");
        assertThat(catalog.test("VITD")).isEmpty();
        assertThat(catalog.test("1989-3")).isEmpty();

        ResponseEntity<String> added = admin.post("/catalog/tests", newTestForm());
        assertThat(added.getStatusCode().value()).isEqualTo(302);
        TestDefinition vitaminD = catalog.test("VITD").orElseThrow();
        assertThat(vitaminD.loinc()).isEqualTo("1989-3");
        assertThat(vitaminD.unit()).isEqualTo("ng/mL");
        assertThat(vitaminD.decimals()).isEqualTo(1);
        assertThat(catalog.orderable("VITD")).isPresent();
        AuditEntry entry = last(audit.history("catalog.test", "VITD"));
        assertThat(entry.actor()).isEqualTo("admin");
        assertThat(entry.newValue()).contains("1989-3").contains("ng/mL");
        assertThat(entry.reason()).isEqualTo("vitamin D assay validated");

        if (!staff.exists("tech-catalog")) {
            staff.create("tech-catalog", "Catalog Technician", "tech-catalog-pass", Set.of(Role.TECHNICIAN));
        }
        Browser tech = signIn("tech-catalog", "tech-catalog-pass");
        assertThat(tech.post("/catalog/tests", newTestForm()).getStatusCode().value()).isEqualTo(403);
    }

    private static MultiValueMap<String, String> newTestForm() {
        return form("code", "VITD", "loinc", "1989-3", "name", "25-hydroxyvitamin D3", "section", "CHEM",
                "resultType", "NUMERIC", "unit", "ng/mL", "decimals", "1", "specimenType", "serum",
                "containerCode", "GOLD", "reason", "vitamin D assay validated");
    }

    @Test
    void intervalsAreVersionedNeverOverwrittenAndBadBandsAreRefused() {
        Browser admin = signIn("admin", "admin-test-pass");
        ResponseEntity<String> lowAboveHigh = admin.post("/catalog/tests/CK/intervals", form("sex", "A",
                "ageFrom", "0", "low", "200", "high", "30", "reason", "typo"));
        assertThat(lowAboveHigh.getStatusCode().value()).isEqualTo(422);
        assertThat(lowAboveHigh.getBody()).contains("Low limit 200 is above high limit 30");
        assertThat(catalog.interval("CK", Sex.MALE, ADULT_40Y)).isEmpty();

        assertThat(admin.post("/catalog/tests/CK/intervals", form("sex", "A", "ageFrom", "abc", "low", "30",
                "high", "200", "reason", "typo")).getBody()).contains("Age &#39;abc&#39; not understood");

        assertThat(admin.post("/catalog/tests/CK/intervals", form("sex", "A", "ageFrom", "18y", "low", "30",
                "high", "200", "criticalHigh", "10000", "reason", "starter CK band")).getStatusCode().value())
                .isEqualTo(302);
        ReferenceInterval first = catalog.interval("CK", Sex.MALE, ADULT_40Y).orElseThrow();
        assertThat(first.text()).isEqualTo("30–200");
        assertThat(catalog.interval("CK", Sex.MALE, CHILD_12Y)).isEmpty();

        // The same band again, or one partly overlapping it, would make the choice ambiguous.
        ResponseEntity<String> overlap = admin.post("/catalog/tests/CK/intervals", form("sex", "A",
                "ageFrom", "10y", "ageTo", "30y", "low", "20", "high", "180", "reason", "overlap"));
        assertThat(overlap.getStatusCode().value()).isEqualTo(422);
        assertThat(overlap.getBody()).contains("Overlaps the current band #" + first.id());
        // A male band inside the "any" band is fine: exact sex wins.
        assertThat(admin.post("/catalog/tests/CK/intervals", form("sex", "M", "ageFrom", "18y", "low", "39",
                "high", "308", "reason", "sex-specific CK")).getStatusCode().value()).isEqualTo(302);
        assertThat(catalog.interval("CK", Sex.MALE, ADULT_40Y).orElseThrow().high()).isEqualByComparingTo("308");
        assertThat(catalog.interval("CK", Sex.FEMALE, ADULT_40Y).orElseThrow().id()).isEqualTo(first.id());

        // A new version end-dates the old one; the old row stays readable for results flagged with it.
        assertThat(admin.post("/catalog/tests/CK/intervals", form("replaces", String.valueOf(first.id()),
                "sex", "A", "ageFrom", "18y", "low", "26", "high", "192", "criticalHigh", "10000",
                "reason", "new reagent, verified interval")).getStatusCode().value()).isEqualTo(302);
        ReferenceInterval second = catalog.interval("CK", Sex.FEMALE, ADULT_40Y).orElseThrow();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.text()).isEqualTo("26–192");
        assertThat(catalog.intervalById(first.id())).get().extracting(ReferenceInterval::text).isEqualTo("30–200");
        List<AuditEntry> history = audit.history("catalog.reference_interval", "CK#" + first.id());
        assertThat(history).extracting(AuditEntry::action).containsExactly("CREATE", "SUPERSEDE");
        assertThat(last(history).oldValue()).contains("normal 30–200");
        assertThat(last(history).newValue()).contains("#" + second.id()).contains("normal 26–192");
        assertThat(last(history).reason()).isEqualTo("new reagent, verified interval");
        assertThat(audit.history("catalog.reference_interval", "CK#" + second.id())).singleElement()
                .satisfies(e -> assertThat(e.oldValue()).startsWith("#" + first.id()));

        // Replacing the old version again is refused: it is history now.
        assertThat(admin.post("/catalog/tests/CK/intervals", form("replaces", String.valueOf(first.id()),
                "sex", "A", "ageFrom", "18y", "low", "1", "high", "2", "reason", "again")).getStatusCode().value())
                .isEqualTo(409);

        assertThat(admin.post("/catalog/tests/CK/intervals/" + second.id() + "/end", form("reason",
                "assay withdrawn")).getStatusCode().value()).isEqualTo(302);
        assertThat(catalog.interval("CK", Sex.FEMALE, ADULT_40Y)).isEmpty();
        assertThat(audit.history("catalog.reference_interval", "CK#" + second.id()))
                .extracting(AuditEntry::action).containsExactly("CREATE", "END");
        assertThat(admin.get("/catalog/tests/CK").getBody()).contains("Earlier versions").contains("assay withdrawn");

        // Even with SQL access, a version results may point at cannot be deleted or rewritten.
        assertThatThrownBy(() -> jdbc.sql("delete from catalog.reference_interval where id = ?").param(first.id())
                .update()).hasMessageContaining("never deleted");
        assertThatThrownBy(() -> jdbc.sql("update catalog.reference_interval set high = 999 where id = ?")
                .param(second.id()).update()).hasMessageContaining("create a new one instead");
    }

    @Test
    void anAnalyzersMethodMayHaveItsOwnBandsBesideTheBandsOfEveryMethod() {
        Browser admin = signIn("admin", "admin-test-pass");
        ReferenceInterval allMethods = catalog.interval("CREA", Sex.FEMALE, ADULT_40Y).orElseThrow();
        // Jaffe creatinine reads higher than enzymatic: the Jaffe analyzer gets its own verified adult band.
        assertThat(admin.post("/catalog/tests/CREA/intervals", form("analyzer", "  IT Jaffe  ", "sex", "A",
                "ageFrom", "18y", "low", "0.7", "high", "1.4", "reason", "Jaffe method verified (CLSI EP28)"))
                .getStatusCode().value()).isEqualTo(302);
        ReferenceInterval jaffe = catalog.interval("CREA", Sex.FEMALE, ADULT_40Y, java.time.Instant.now(),
                "IT Jaffe").orElseThrow();
        assertThat(jaffe.text()).isEqualTo("0.7–1.4");
        assertThat(catalog.interval("CREA", Sex.MALE, ADULT_40Y, java.time.Instant.now(), "it jaffe")).contains(jaffe);
        // Other analyzers, manual entry and children outside the Jaffe band keep the bands of every method.
        assertThat(catalog.interval("CREA", Sex.FEMALE, ADULT_40Y, java.time.Instant.now(), "IT Enzymatic"))
                .contains(allMethods);
        assertThat(catalog.interval("CREA", Sex.FEMALE, ADULT_40Y)).contains(allMethods);
        assertThat(catalog.interval("CREA", Sex.FEMALE, CHILD_12Y, java.time.Instant.now(), "IT Jaffe"))
                .isEqualTo(catalog.interval("CREA", Sex.FEMALE, CHILD_12Y));

        // The same band again for the same method clashes; the audit trail names the method.
        ResponseEntity<String> again = admin.post("/catalog/tests/CREA/intervals", form("analyzer", "it jaffe",
                "sex", "A", "ageFrom", "18y", "low", "0.6", "high", "1.3", "reason", "again"));
        assertThat(again.getStatusCode().value()).isEqualTo(422);
        assertThat(again.getBody()).contains("Overlaps the current band #" + jaffe.id()).contains("IT Jaffe");
        assertThat(audit.history("catalog.reference_interval", "CREA#" + jaffe.id())).singleElement()
                .satisfies(e -> assertThat(e.newValue()).startsWith("analyzer IT Jaffe, sex any"));
        String page = admin.get("/catalog/tests/CREA").getBody();
        assertThat(page).contains("<td>IT Jaffe</td>").contains("<td>all methods</td>");

        // Hostile or oversized names are refused or shown as text, never as markup.
        ResponseEntity<String> tooLong = admin.post("/catalog/tests/CREA/intervals", form("analyzer", "x".repeat(101),
                "sex", "A", "ageFrom", "18y", "low", "0.7", "high", "1.4", "reason", "too long"));
        assertThat(tooLong.getStatusCode().value()).isEqualTo(422);
        assertThat(tooLong.getBody()).contains("at most 100 characters");
        assertThat(admin.post("/catalog/tests/CREA/intervals", form("analyzer", "<script>alert(1)</script>",
                "sex", "A", "ageFrom", "18y", "low", "0.7", "high", "1.4", "reason", "markup in a name"))
                .getStatusCode().value()).isEqualTo(302);
        assertThat(admin.get("/catalog/tests/CREA").getBody()).doesNotContain("<script>alert(1)</script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;");

        // The method is part of the recorded version: it cannot be changed in place, even with SQL access.
        assertThatThrownBy(() -> jdbc.sql("update catalog.reference_interval set analyzer = null where id = ?")
                .param(jaffe.id()).update()).hasMessageContaining("create a new one instead");
    }

    @Test
    void aTechnicianMayLookButNotEdit() {
        if (!staff.exists("tech-catalog")) {
            staff.create("tech-catalog", "Catalog Technician", "tech-catalog-pass", Set.of(Role.TECHNICIAN));
        }
        Browser tech = signIn("tech-catalog", "tech-catalog-pass");
        ResponseEntity<String> view = tech.get("/catalog?section=COAG");
        assertThat(view.getStatusCode().value()).isEqualTo(200);
        assertThat(view.getBody()).contains("Prothrombin time").doesNotContain("Glucose");
        String page = tech.get("/catalog/tests/AMY").getBody();
        assertThat(page).contains("Amylase").doesNotContain("Save test");
        ResponseEntity<String> edit = tech.post("/catalog/tests/AMY", form("version", "1", "name", "Amylase!",
                "unit", "U/L", "decimals", "0", "specimenType", "serum", "containerCode", "GOLD", "active", "true",
                "reason", "not allowed"));
        assertThat(edit.getStatusCode().value()).isEqualTo(403);
        assertThat(tech.post("/catalog/tests/AMY/intervals", form("sex", "A", "low", "1", "high", "2",
                "reason", "not allowed")).getStatusCode().value()).isEqualTo(403);
        assertThat(catalog.test("AMY").orElseThrow().name()).isEqualTo("Amylase");
        assertThat(audit.history("catalog.test", "AMY")).isEmpty();
    }

    private Browser signIn(String user, String password) {
        Browser b = new Browser(RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build()))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { })
                .build());
        ResponseEntity<String> login = b.post("/login", form("username", user, "password", password));
        assertThat(login.getHeaders().getLocation()).hasToString("http://localhost:" + port + "/");
        return b;
    }

    private static AuditEntry last(List<AuditEntry> entries) {
        return entries.get(entries.size() - 1);
    }

    private static MultiValueMap<String, String> form(String... pairs) {
        var map = new LinkedMultiValueMap<String, String>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\"\\s+value=\"([^\"]*)\"").matcher(html);
        assertThat(m.find()).as("field " + name).isTrue();
        return m.group(1);
    }

    /** A signed-in browser session: cookies kept, the CSRF token taken from the page like a form would. */
    private record Browser(RestClient http) {

        ResponseEntity<String> get(String path) {
            return http.get().uri(path).retrieve().toEntity(String.class);
        }

        ResponseEntity<String> post(String path, MultiValueMap<String, String> form) {
            String page = get(path.equals("/login") ? "/login" : "/catalog").getBody();
            Matcher m = CSRF.matcher(page);
            assertThat(m.find()).as("CSRF token on the page").isTrue();
            form.add("_csrf", m.group(1));
            return postWithoutCsrf(path, form);
        }

        ResponseEntity<String> postWithoutCsrf(String path, MultiValueMap<String, String> form) {
            return http.post().uri(path).contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve()
                    .toEntity(String.class);
        }
    }
}
