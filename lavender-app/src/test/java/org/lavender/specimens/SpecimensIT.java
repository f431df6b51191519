package org.lavender.specimens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lavender.specimens.TestLab.BMP;
import static org.lavender.specimens.TestLab.CBC;
import static org.lavender.specimens.TestLab.item;
import static org.lavender.specimens.TestLab.nextId;
import static org.lavender.specimens.TestLab.request;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Priority;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.client.RestClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@LavenderIT
@AutoConfigureMockMvc
@RecordApplicationEvents
class SpecimensIT {

    @Autowired Patients patients;

    @Autowired Specimens specimens;
    @Autowired AuditLog audit;
    @Autowired ApplicationEvents events;
    @Autowired MockMvc mvc;
    @Autowired StaffDirectory staff;
    @LocalServerPort int port;

    long jane;

    @BeforeEach
    void registerThePatient() {
        jane = TestLab.janeDoe(patients);
    }

    @Test
    void aBmpCbcAndPtOrderNeedsThreeTubesOnePerContainerAndSection() {
        long order = nextId();
        long bmp = nextId();
        long cbc = nextId();
        long pt = nextId();
        List<Specimen> tubes = specimens.planTubes(request(order, nextId(), Priority.ROUTINE,
                item(bmp, BMP), item(cbc, CBC), item(pt, List.of("PT"))));

        assertThat(tubes).hasSize(3).allSatisfy(t -> {
            assertThat(Accession.isValid(t.accession())).as(t.accession()).isTrue();
            assertThat(t.status()).isEqualTo(SpecimenStatus.ORDERED);
            assertThat(t.orderId()).isEqualTo(order);
        });
        Map<String, Specimen> byContainer = tubes.stream()
                .collect(Collectors.toMap(Specimen::containerCode, t -> t));
        assertThat(byContainer.get("GOLD").section()).isEqualTo("CHEM");
        assertThat(byContainer.get("GOLD").specimenType()).isEqualTo("serum");
        assertThat(byContainer.get("GOLD").tests()).extracting(Specimen.SpecimenTest::testCode)
                .containsExactlyElementsOf(BMP);
        assertThat(byContainer.get("GOLD").tests()).extracting(Specimen.SpecimenTest::orderItemId).containsOnly(bmp);
        assertThat(byContainer.get("LAV").section()).isEqualTo("HEME");
        assertThat(byContainer.get("LAV").tests()).extracting(Specimen.SpecimenTest::testCode)
                .containsExactlyElementsOf(CBC);
        assertThat(byContainer.get("LBLU").section()).isEqualTo("COAG");
        assertThat(byContainer.get("LBLU").tests()).containsExactly(new Specimen.SpecimenTest(pt, "PT"));
        // Accessions follow the order of draw: citrate before serum before EDTA (CLSI GP41).
        assertThat(tubes.stream().sorted(java.util.Comparator.comparing(Specimen::accession))
                .map(Specimen::containerCode)).containsExactly("LBLU", "GOLD", "LAV");
        assertThat(audit.history("specimen", byContainer.get("GOLD").accession()))
                .extracting(AuditEntry::action).containsExactly("CREATE");
    }

    @Test
    void addedTestsJoinAnUncollectedTubeButNotACollectedOne() {
        long order = nextId();
        long patient = nextId();
        specimens.planTubes(request(order, patient, Priority.ROUTINE, item(nextId(), List.of("NA", "K")),
                item(nextId(), List.of("PT"))));
        List<Specimen> afterAddOn = specimens.planTubes(request(order, patient, Priority.STAT,
                item(nextId(), List.of("GLU"))));
        assertThat(afterAddOn).hasSize(2);
        Specimen sst = afterAddOn.stream().filter(t -> t.containerCode().equals("GOLD")).findFirst().orElseThrow();
        assertThat(sst.tests()).extracting(Specimen.SpecimenTest::testCode).containsExactly("NA", "K", "GLU");
        assertThat(sst.priority()).as("a STAT add-on raises the tube's priority").isEqualTo(Priority.STAT);

        specimens.collect(sst.accession(), "nurse.kim", Instant.now().minusSeconds(5));
        List<Specimen> afterCollection = specimens.planTubes(request(order, patient, Priority.ROUTINE,
                item(nextId(), List.of("CA"))));
        assertThat(afterCollection).hasSize(3);
        assertThat(afterCollection.stream().filter(t -> t.containerCode().equals("GOLD")))
                .extracting(Specimen::status).containsExactlyInAnyOrder(SpecimenStatus.COLLECTED,
                        SpecimenStatus.ORDERED);
    }

    @Test
    void anUnknownTestCodeIsRefusedAndNothingIsStored() {
        long order = nextId();
        assertThatThrownBy(() -> specimens.planTubes(request(order, nextId(), Priority.ROUTINE,
                item(nextId(), List.of("NA", "XYZZY")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("XYZZY");
        assertThat(specimens.forOrder(order)).isEmpty();
    }

    @Test
    void receivingPublishesTheTubesTestsAndRecordsAnUndocumentedDraw() {
        long order = nextId();
        long patient = nextId();
        long cbc = nextId();
        Specimen edta = specimens.planTubes(request(order, patient, Priority.STAT, item(cbc, CBC))).get(0);

        Specimen received = specimens.receive(edta.accession());

        assertThat(received.status()).isEqualTo(SpecimenStatus.RECEIVED);
        assertThat(received.collectedBy()).isEqualTo("unknown");
        assertThat(received.collectedAt()).isEqualTo(received.receivedAt());
        List<SpecimenReceived> published = events.stream(SpecimenReceived.class)
                .filter(e -> e.accession().equals(edta.accession())).toList();
        assertThat(published).singleElement().satisfies(e -> {
            assertThat(e.patientId()).isEqualTo(patient);
            assertThat(e.priority()).isEqualTo(Priority.STAT);
            assertThat(e.section()).isEqualTo("HEME");
            assertThat(e.tests()).extracting(Specimen.SpecimenTest::testCode).containsExactlyElementsOf(CBC);
            assertThat(e.tests()).extracting(Specimen.SpecimenTest::orderItemId).containsOnly(cbc);
        });

        assertThatThrownBy(() -> specimens.receive(edta.accession())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("already received");
        assertThat(events.stream(SpecimenReceived.class).filter(e -> e.accession().equals(edta.accession())))
                .as("a second scan changes nothing").hasSize(1);
        assertThat(audit.history("specimen", edta.accession())).extracting(AuditEntry::action)
                .containsExactly("CREATE", "RECEIVE");
    }

    @Test
    void scanningAnUnknownAccessionSaysWhatWasScanned() {
        assertThatThrownBy(() -> specimens.receive("991231-999999"))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("991231-999999");
        String valid = Accession.issue(java.time.LocalDate.of(2099, 1, 1), 7).value();
        String mistyped = valid.substring(0, 12) + ((valid.charAt(12) - '0' + 1) % 10);
        assertThatThrownBy(() -> specimens.receive(mistyped))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(mistyped)
                .hasMessageContaining("check digit");
    }

    @Test
    void collectionTimeMayNotLieInTheFutureOrLongBeforeTheOrder() {
        Specimen tube = specimens.planTubes(request(nextId(), nextId(), Priority.ROUTINE,
                item(nextId(), List.of("PT")))).get(0);
        assertThatThrownBy(() -> specimens.collect(tube.accession(), "nurse", Instant.now().plus(1, ChronoUnit.HOURS)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("future");
        assertThatThrownBy(() -> specimens.collect(tube.accession(), "nurse", Instant.now().minus(2, ChronoUnit.DAYS)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("before the tube was ordered");
        assertThatThrownBy(() -> specimens.collect(tube.accession(), " ", Instant.now()))
                .isInstanceOf(InvalidInputException.class);

        // Drawn before the order was entered (an ED draw): the true time is kept.
        Instant drawn = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Specimen collected = specimens.collect(tube.accession(), "nurse.kim", drawn);
        assertThat(collected.collectedAt()).isEqualTo(drawn);
        assertThat(collected.collectedBy()).isEqualTo("nurse.kim");
        assertThat(events.stream(SpecimenCollected.class).filter(e -> e.accession().equals(tube.accession())))
                .hasSize(1);
        assertThatThrownBy(() -> specimens.collect(tube.accession(), "nurse", Instant.now()))
                .isInstanceOf(ConflictException.class).hasMessageContaining("already collected");
        assertThat(specimens.receive(tube.accession()).collectedBy()).isEqualTo("nurse.kim");
    }

    @Test
    void aRejectedTubeIsNotReceivedAndIsRecollectedOnceWithTheSameTests() {
        long order = nextId();
        long bmp = nextId();
        Specimen sst = specimens.planTubes(request(order, nextId(), Priority.ROUTINE, item(bmp, BMP))).get(0);
        specimens.collect(sst.accession(), "nurse", Instant.now());

        Specimen rejected = specimens.reject(sst.accession(), RejectionReason.HEMOLYZED, "visibly pink");

        assertThat(rejected.status()).isEqualTo(SpecimenStatus.REJECTED);
        assertThat(rejected.rejectionReason()).isEqualTo(RejectionReason.HEMOLYZED);
        assertThat(events.stream(SpecimenRejected.class).filter(e -> e.accession().equals(sst.accession())))
                .singleElement().satisfies(e -> {
                    assertThat(e.orderItemIds()).containsExactly(bmp);
                    assertThat(e.reason()).isEqualTo(RejectionReason.HEMOLYZED);
                    assertThat(e.comment()).isEqualTo("visibly pink");
                });
        assertThatThrownBy(() -> specimens.receive(sst.accession())).isInstanceOf(ConflictException.class)
                .hasMessageContaining("rejected");
        assertThatThrownBy(() -> specimens.reject(sst.accession(), RejectionReason.CLOTTED, null))
                .isInstanceOf(ConflictException.class);

        Specimen redraw = specimens.recollect(sst.accession());
        assertThat(redraw.replacesId()).isEqualTo(sst.id());
        assertThat(redraw.status()).isEqualTo(SpecimenStatus.ORDERED);
        assertThat(redraw.accession()).isNotEqualTo(sst.accession());
        assertThat(redraw.tests()).isEqualTo(sst.tests());
        assertThatThrownBy(() -> specimens.recollect(sst.accession())).isInstanceOf(ConflictException.class)
                .hasMessageContaining(redraw.accession());
    }

    @Test
    void anAliquotTakesTheChosenTestsOfAReceivedTube() {
        Specimen sst = specimens.planTubes(request(nextId(), nextId(), Priority.ROUTINE,
                item(nextId(), List.of("NA", "K", "CREA")))).get(0);
        assertThatThrownBy(() -> specimens.aliquot(sst.accession(), List.of("CREA")))
                .isInstanceOf(ConflictException.class).hasMessageContaining("received");
        specimens.receive(sst.accession());
        assertThatThrownBy(() -> specimens.aliquot(sst.accession(), List.of("HGB")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("HGB");

        Specimen aliquot = specimens.aliquot(sst.accession(), List.of("CREA"));

        assertThat(aliquot.accession()).isEqualTo(sst.accession() + "-A1");
        assertThat(aliquot.parentId()).isEqualTo(sst.id());
        assertThat(aliquot.status()).isEqualTo(SpecimenStatus.RECEIVED);
        assertThat(aliquot.tests()).extracting(Specimen.SpecimenTest::testCode).containsExactly("CREA");
        assertThat(specimens.byAccession(sst.accession()).orElseThrow().tests())
                .extracting(Specimen.SpecimenTest::testCode).containsExactly("NA", "K");
        assertThat(specimens.aliquot(sst.accession(), List.of("K")).accession()).endsWith("-A2");
        assertThat(events.stream(SpecimenAliquoted.class).filter(e -> e.parentId() == sst.id())).hasSize(2);
    }

    @Test
    void cancellingItemsEmptiesAndCancelsTubesNotYetReceived() {
        long order = nextId();
        long patient = nextId();
        long chem = nextId();
        long coag = nextId();
        long heme = nextId();
        List<Specimen> tubes = specimens.planTubes(request(order, patient, Priority.ROUTINE,
                item(chem, List.of("NA", "K")), item(coag, List.of("PT")), item(heme, CBC)));
        String edta = tubes.stream().filter(t -> t.containerCode().equals("LAV")).findFirst().orElseThrow()
                .accession();
        specimens.receive(edta);
        long glucose = nextId();
        specimens.planTubes(request(order, patient, Priority.ROUTINE, item(glucose, List.of("GLU"))));

        specimens.cancelItems(order, List.of(coag, chem, heme), "duplicate order");

        Map<String, Specimen> after = specimens.forOrder(order).stream()
                .collect(Collectors.toMap(Specimen::containerCode, t -> t));
        assertThat(after.get("LBLU").status()).isEqualTo(SpecimenStatus.CANCELLED);
        assertThat(after.get("LBLU").tests()).isEmpty();
        assertThat(after.get("GOLD").status()).as("GLU still needs the tube").isEqualTo(SpecimenStatus.ORDERED);
        assertThat(after.get("GOLD").tests()).containsExactly(new Specimen.SpecimenTest(glucose, "GLU"));
        assertThat(after.get("LAV").status()).as("received tubes are left alone")
                .isEqualTo(SpecimenStatus.RECEIVED);
        assertThat(after.get("LAV").tests()).hasSize(CBC.size());
        assertThat(audit.history("specimen", after.get("LBLU").accession())).extracting(AuditEntry::reason)
                .last().asString().contains("duplicate order");
    }

    @Test
    void searchPagesByKeysetNewestFirst() {
        long patient = nextId();
        for (int i = 0; i < 3; i++) {
            specimens.planTubes(request(nextId(), patient, Priority.ROUTINE, item(nextId(), List.of("PT"))));
        }
        var query = new SpecimenQuery(patient, null, null, SpecimenStatus.ORDERED, "COAG", null);
        var first = specimens.search(query, null, 2);
        assertThat(first.items()).hasSize(2);
        assertThat(first.items().get(0).id()).isGreaterThan(first.items().get(1).id());
        var second = specimens.search(query, first.nextCursor(), 2);
        assertThat(second.items()).hasSize(1);
        assertThat(second.hasNext()).isFalse();
        assertThat(second.items().get(0).id()).isLessThan(first.items().get(1).id());
        String prefix = first.items().get(0).accession().substring(0, 7);
        assertThat(specimens.search(new SpecimenQuery(patient, null, null, null, null, prefix), null, 10).items())
                .hasSize(3);
    }

    // ---- over HTTP ----

    private static final String PHYSICIAN = "dr.house";

    private ResponseEntity<String> api(String user, String password, String method, String path, String json) {
        var spec = RestClient.create("http://localhost:" + port).method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).headers(h -> h.setBasicAuth(user, password)).accept(MediaType.APPLICATION_JSON);
        if (json != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(json);
        }
        return spec.exchange((req, res) -> ResponseEntity.status(res.getStatusCode())
                .headers(res.getHeaders()).body(new String(res.getBody().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8)));
    }

    private ResponseEntity<String> admin(String method, String path, String json) {
        return api("admin", "admin-test-pass", method, path, json);
    }

    private void physicianExists() {
        if (!staff.exists(PHYSICIAN)) {
            staff.create(PHYSICIAN, "Dr House", "physician-pass-1", java.util.Set.of(Role.PHYSICIAN));
        }
    }

    @Test
    void theJsonApiCollectsReceivesAndRejectsByAccession() {
        Specimen tube = specimens.planTubes(request(nextId(), nextId(), Priority.ROUTINE,
                item(nextId(), List.of("NA", "K")))).get(0);
        String base = "/api/specimens/" + tube.accession();

        var got = admin("GET", base, null);
        assertThat(got.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(got.getBody()).contains("\"accession\":\"" + tube.accession() + "\"", "\"status\":\"ORDERED\"");

        var future = admin("POST", base + "/collect", "{\"collectedBy\":\"nurse.kim\",\"collectedAt\":\""
                + Instant.now().plus(1, ChronoUnit.HOURS) + "\"}");
        assertThat(future.getStatusCode().value()).isEqualTo(422);
        assertThat(future.getBody()).contains("future");

        var collected = admin("POST", base + "/collect", "{\"collectedBy\":\"nurse.kim\"}");
        assertThat(collected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(collected.getBody()).contains("\"status\":\"COLLECTED\"", "nurse.kim");

        var received = admin("POST", base + "/receive", null);
        assertThat(received.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(received.getBody()).contains("\"status\":\"RECEIVED\"", "\"receivedBy\":\"admin\"");
        var again = admin("POST", base + "/receive", null);
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody()).contains("already received");

        var noReason = admin("POST", base + "/reject", "{\"comment\":\"pink\"}");
        assertThat(noReason.getStatusCode().value()).isEqualTo(422);
        var rejected = admin("POST", base + "/reject", "{\"reason\":\"HEMOLYZED\",\"comment\":\"H-index 3+\"}");
        assertThat(rejected.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(rejected.getBody()).contains("\"status\":\"REJECTED\"", "H-index 3+");
        // Events of the server's request thread are not recorded here; the audit trail shows each step and actor.
        assertThat(audit.history("specimen", tube.accession()))
                .extracting(AuditEntry::action, AuditEntry::actor)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("CREATE", "system"),
                        org.assertj.core.groups.Tuple.tuple("COLLECT", "admin"),
                        org.assertj.core.groups.Tuple.tuple("RECEIVE", "admin"),
                        org.assertj.core.groups.Tuple.tuple("REJECT", "admin"));
    }

    @Test
    void receivingAnUnknownAccessionIs404WithTheScannedText() {
        var answer = admin("POST", "/api/specimens/991231-999999/receive", null);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(answer.getBody()).contains("991231-999999");
        assertThat(admin("GET", "/api/specimens/NOPE-1", null).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aPhysicianMayLookButNotChangeATube() throws Exception {
        physicianExists();
        Specimen tube = specimens.planTubes(request(nextId(), jane, Priority.ROUTINE,
                item(nextId(), List.of("PT")))).get(0);
        String base = "/api/specimens/" + tube.accession();
        assertThat(api(PHYSICIAN, "physician-pass-1", "GET", base, null).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(api(PHYSICIAN, "physician-pass-1", "POST", base + "/receive", null).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api(PHYSICIAN, "physician-pass-1", "POST", base + "/reject", "{\"reason\":\"CLOTTED\"}")
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        mvc.perform(post("/specimens/" + tube.accession() + "/receive").with(csrf())
                        .with(user(PHYSICIAN).roles("PHYSICIAN")))
                .andExpect(status().isForbidden());
        mvc.perform(get("/specimens/" + tube.accession()).with(user(PHYSICIAN).roles("PHYSICIAN")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(tube.accession())))
                .andExpect(content().string(not(containsString("Receive in the lab"))));
        assertThat(specimens.byAccession(tube.accession()).orElseThrow().status()).isEqualTo(SpecimenStatus.ORDERED);
    }

    @Test
    void theAccessionScreenCollectsReceivesAndRejectsWithCsrfProtection() throws Exception {
        Specimen tube = specimens.planTubes(request(nextId(), jane, Priority.STAT,
                item(nextId(), List.of("PT")))).get(0);
        String page = "/specimens/" + tube.accession();
        var tech = user("tech").roles("TECHNICIAN");

        mvc.perform(get(page).with(tech)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Record collection")))
                .andExpect(content().string(containsString("#7FB9E6")));
        mvc.perform(post(page + "/collect").with(tech).param("collectedBy", "nurse.kim")
                        .param("collectedAt", java.time.LocalDateTime.now().withSecond(0).withNano(0).toString()))
                .andExpect(status().isForbidden());
        assertThat(specimens.byAccession(tube.accession()).orElseThrow().status()).isEqualTo(SpecimenStatus.ORDERED);

        String now = java.time.LocalDateTime.now().withSecond(0).withNano(0).toString();
        mvc.perform(post(page + "/collect").with(tech).with(csrf()).param("collectedBy", "nurse.kim")
                        .param("collectedAt", now))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post(page + "/collect").with(tech).with(csrf()).param("collectedBy", "nurse.kim")
                        .param("collectedAt", now))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("already collected")));
        mvc.perform(post(page + "/receive").with(tech).with(csrf())).andExpect(status().is3xxRedirection());
        mvc.perform(post(page + "/reject").with(tech).with(csrf()).param("reason", ""))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Choose a rejection reason")));
        mvc.perform(post(page + "/reject").with(tech).with(csrf()).param("reason", "CLOTTED")
                        .param("comment", "clot seen on the stick"))
                .andExpect(status().is3xxRedirection());
        Specimen after = specimens.byAccession(tube.accession()).orElseThrow();
        assertThat(after.status()).isEqualTo(SpecimenStatus.REJECTED);
        assertThat(after.collectedBy()).isEqualTo("nurse.kim");
        assertThat(after.receivedBy()).isEqualTo("tech");

        mvc.perform(get("/specimens").with(tech).param("status", "REJECTED").param("section", "COAG")
                        .param("q", tube.accession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(tube.accession())))
                .andExpect(content().string(containsString("DOE, Jane")));
        mvc.perform(get("/specimens").with(tech).param("status", "LOST"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Unknown specimen status")));

        mvc.perform(post(page + "/recollect").with(tech).with(csrf())).andExpect(status().is3xxRedirection());
        assertThat(specimens.forOrder(tube.orderId())).hasSize(2);
        mvc.perform(get(page).with(tech)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Recollected as")));
    }

    @Test
    void theScannerBenchAnswersEachScanWithALine() throws Exception {
        Specimen tube = specimens.planTubes(request(nextId(), jane, Priority.ROUTINE,
                item(nextId(), CBC))).get(0);
        var tech = user("tech").roles("TECHNICIAN");
        mvc.perform(get("/specimens/receive").with(tech)).andExpect(status().isOk())
                .andExpect(content().string(containsString("autofocus")));

        mvc.perform(post("/specimens/receive").with(tech).with(csrf()).header("HX-Request", "true")
                        .param("accession", tube.accession().replace("-", "") + "\r"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("flash ok")))
                .andExpect(content().string(containsString("DOE, Jane")));
        mvc.perform(post("/specimens/receive").with(tech).with(csrf()).param("accession", tube.accession()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("flash error")))
                .andExpect(content().string(containsString("already received")));
        mvc.perform(post("/specimens/receive").with(tech).with(csrf()).param("accession", "GARBAGE-42"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("flash error")))
                .andExpect(content().string(containsString("GARBAGE-42")));
        assertThat(specimens.byAccession(tube.accession()).orElseThrow().receivedBy()).isEqualTo("tech");
    }

    @Test
    void labelsComeAsZplAndAsPdf() throws Exception {
        long order = nextId();
        List<Specimen> tubes = specimens.planTubes(request(order, jane, Priority.STAT,
                item(nextId(), List.of("NA")), item(nextId(), List.of("HGB"))));
        var tech = user("tech").roles("TECHNICIAN");
        String accession = tubes.get(0).accession();

        mvc.perform(get("/specimens/" + accession + "/label.zpl").with(tech))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(containsString("^BC")))
                .andExpect(content().string(containsString(accession)))
                .andExpect(content().string(containsString("DOE, Jane")));

        byte[] pdf = mvc.perform(get("/specimens/labels.pdf").param("orderId", String.valueOf(order)).with(tech))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_PDF))
                .andReturn().getResponse().getContentAsByteArray();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(doc.getNumberOfPages()).isEqualTo(2);
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc))
                    .contains(tubes.get(0).accession(), tubes.get(1).accession());
        }
        mvc.perform(get("/specimens/labels.pdf").param("accession", "991231-999999").with(tech))
                .andExpect(status().isNotFound());
    }
}
