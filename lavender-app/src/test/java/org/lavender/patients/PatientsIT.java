package org.lavender.patients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.shared.ConflictException;
import org.lavender.shared.Sex;
import org.lavender.shared.Slice;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@LavenderIT
class PatientsIT {

    @LocalServerPort int port;
    @Autowired Patients patients;
    @Autowired AuditLog audit;

    private RestClient http() {
        // Redirects are not followed, so a test sees where a form post sends the browser.
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass"))
                .defaultStatusHandler(status -> true, (req, res) -> { })
                .build();
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http().post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class);
    }

    private static Map<String, Object> person(String mrn, String family, String given, String birthDate) {
        var m = new java.util.HashMap<String, Object>();
        m.put("mrn", mrn);
        m.put("familyName", family);
        m.put("givenName", given);
        m.put("birthDate", birthDate);
        m.put("sex", "F");
        return m;
    }

    @Test
    void registerAssignsAnMrnAndRefusesADuplicate() {
        ResponseEntity<JsonNode> created = post("/api/patients", person(null, "Registerova", "Jana", "1980-04-02"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        String mrn = created.getBody().get("mrn").asString();
        assertThat(mrn).matches("M\\d{8}");
        assertThat(created.getHeaders().getLocation()).hasToString("/api/patients/" + created.getBody().get("id"));

        ResponseEntity<JsonNode> duplicate = post("/api/patients", person(mrn, "Other", "Person", "1970-01-01"));
        assertThat(duplicate.getStatusCode().value()).isEqualTo(409);
        assertThat(duplicate.getBody().get("detail").asString())
                .isEqualTo("MRN " + mrn + " is already assigned to another patient");

        var withId = person(null, "Idova", "Ida", "1990-01-01");
        withId.put("identifiers", List.of(Map.of("system", "urn:oid:1.2.3", "value", "H-1")));
        assertThat(post("/api/patients", withId).getStatusCode().value()).isEqualTo(201);
        ResponseEntity<JsonNode> dupId = post("/api/patients", withId);
        assertThat(dupId.getStatusCode().value()).isEqualTo(409);
        assertThat(dupId.getBody().get("detail").asString())
                .isEqualTo("Identifier urn:oid:1.2.3|H-1 is already assigned to another patient");
    }

    @Test
    void invalidDemographicsAre422WithTheReasonAndNothingIsStored() {
        String tomorrow = LocalDate.now().plusDays(2).toString();
        ResponseEntity<JsonNode> future = post("/api/patients", person(null, "Futurova", "Fia", tomorrow));
        assertThat(future.getStatusCode().value()).isEqualTo(422);
        assertThat(future.getBody().get("detail").asString()).isEqualTo("Birth date " + tomorrow + " is in the future");
        assertThat(future.getBody().get("field").asString()).isEqualTo("birthDate");

        var noSex = person(null, "Futurova", "Fia", "1980-01-01");
        noSex.put("sex", "X");
        assertThat(post("/api/patients", noSex).getBody().get("detail").asString())
                .isEqualTo("Unknown sex 'X': use M, F, O or U");
        assertThat(patients.search(new PatientQuery(null, null, "futurova", null), null, 10).items()).isEmpty();
    }

    @Test
    void searchByMrnNamePrefixAndBirthDateWithKeysetPaging() {
        List<Patient> registered = new ArrayList<>();
        for (String given : List.of("Anna", "Běla", "Cecilie", "Dana", "Eva")) {
            registered.add(patients.register(new NewPatient(null, "Pagináková", given, LocalDate.of(1975, 5, 5),
                    Sex.FEMALE, null, List.of())));
        }
        patients.register(new NewPatient(null, "Paginger", "Otto", LocalDate.of(1975, 5, 6), Sex.MALE, null, null));

        // By MRN, through the API, any identifier system.
        JsonNode byMrn = http().get().uri("/api/patients?identifier={m}", registered.get(2).mrn().toLowerCase())
                .retrieve().body(JsonNode.class);
        assertThat(byMrn.get("items")).hasSize(1);
        assertThat(byMrn.get("items").get(0).get("givenName").asString()).isEqualTo("Cecilie");

        // "family, given" prefixes, accents and case ignored.
        assertThat(patients.search(new PatientQuery(null, null, "PAGINA, be", null), null, 10).items())
                .extracting(Patient::givenName).containsExactly("Běla");

        // Keyset paging through all five Paginákovás, two per page, in name order without repeats.
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Slice<Patient> page = patients.search(new PatientQuery(null, null, "paginakova", null), cursor, 2);
            page.items().forEach(p -> seen.add(p.givenName()));
            cursor = page.nextCursor();
            pages++;
        } while (cursor != null);
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("Anna", "Běla", "Cecilie", "Dana", "Eva");

        // Birth date alone, and together with a name prefix.
        assertThat(patients.search(new PatientQuery(null, null, null, LocalDate.of(1975, 5, 6)), null, 10).items())
                .extracting(Patient::familyName).contains("Paginger");
        assertThat(patients.search(new PatientQuery(null, null, "pagin", LocalDate.of(1975, 5, 5)), null, 10).items())
                .hasSize(5);

        // The search page does the same from the one box.
        String html = http().get().uri("/patients?q={q}", "pagina, ce 05.05.1975").retrieve().body(String.class);
        assertThat(html).contains("PAGINÁKOVÁ, Cecilie").doesNotContain("Dana");
    }

    @Test
    void correctionIsAuditedWithReasonAndStaleEditsAreRefused() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("clerk", "n/a",
                AuthorityUtils.createAuthorityList("ROLE_TECHNICIAN")));
        try {
            Patient p = patients.register(new NewPatient(null, "Editova", "Edita", LocalDate.of(1960, 1, 2),
                    Sex.FEMALE, "555 1234", null));
            Patient fixed = patients.update(p.id(), p.version(), new NewPatient(null, "Editova", "Edita",
                    LocalDate.of(1960, 2, 1), Sex.FEMALE, "555 1234", null), "day and month swapped at registration");
            assertThat(fixed.birthDate()).isEqualTo(LocalDate.of(1960, 2, 1));
            assertThat(fixed.version()).isEqualTo(p.version() + 1);
            assertThat(fixed.mrn()).isEqualTo(p.mrn());

            List<AuditEntry> history = audit.history("patient", String.valueOf(p.id()));
            assertThat(history).hasSize(2);
            AuditEntry change = history.get(1);
            assertThat(change.actor()).isEqualTo("clerk");
            assertThat(change.oldValue()).isEqualTo("birthDate=1960-01-02");
            assertThat(change.newValue()).isEqualTo("birthDate=1960-02-01");
            assertThat(change.reason()).isEqualTo("day and month swapped at registration");

            // A second clerk who opened the old version cannot overwrite the correction.
            assertThatThrownBy(() -> patients.update(p.id(), p.version(), new NewPatient(null, "Editova", "Edita",
                    LocalDate.of(1960, 1, 2), Sex.FEMALE, null, null), "other"))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("was changed by someone else");
            assertThat(audit.history("patient", String.valueOf(p.id()))).hasSize(2);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    @Test
    void registerAndEditThroughThePages() {
        var form = new org.springframework.util.LinkedMultiValueMap<String, String>();
        form.add("familyName", "Formova");
        form.add("givenName", "Frida");
        form.add("birthDate", "1999-09-09");
        form.add("sex", "F");
        form.add("identifiers", "urn:oid:9.9|F-77");
        ResponseEntity<String> registered = http().post().uri("/patients")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toEntity(String.class);
        assertThat(registered.getStatusCode().value()).isEqualTo(302);
        String location = registered.getHeaders().getLocation().toString();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        assertThat(patients.findByIdentifier("urn:oid:9.9", "F-77")).map(Patient::id).contains(id);

        String page = http().get().uri("/patients/{id}", id).retrieve().body(String.class);
        assertThat(page).contains("FORMOVA, Frida").contains("/orders/new?patientId=" + id)
                .contains("/results/patient/" + id);

        form.set("birthDate", "2999-01-01");
        form.add("version", "0");
        form.add("reason", "typo");
        String refused = http().post().uri("/patients/{id}", id).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).retrieve().body(String.class);
        assertThat(refused).contains("Birth date 2999-01-01 is in the future");
        assertThat(patients.find(id).orElseThrow().birthDate()).isEqualTo(LocalDate.of(1999, 9, 9));
    }
}
