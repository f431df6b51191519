package org.lavender.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@LavenderIT
@RecordApplicationEvents
class OrdersIT {

    @Autowired Specimens specimens;
    @LocalServerPort int port;
    @Autowired Orders orders;
    @Autowired Patients patients;
    @Autowired AuditLog audit;
    @Autowired StaffDirectory staff;
    @Autowired TransactionTemplate tx;
    @Autowired ApplicationEvents events;

    private Patient patient(String family) {
        return patients.register(new NewPatient(null, family, "Olga", LocalDate.of(1970, 3, 3), Sex.FEMALE, null,
                null));
    }

    private RestClient http(String user, String password) {
        return RestClient.builder().baseUrl("http://localhost:" + port)
                .requestFactory(new JdkClientHttpRequestFactory(
                        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()))
                .defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(status -> true, (req, res) -> { })
                .build();
    }

    private ResponseEntity<JsonNode> postOrder(String user, String password, Map<String, Object> body) {
        return http(user, password).post().uri("/api/orders").contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    @Test
    void placingExpandsPanelsPlansTubesPublishesAndAudits() {
        Patient p = patient("Placova");
        // Events are recorded on the test's thread, so this order is placed by a service call as user "clerk".
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("clerk", "n/a",
                AuthorityUtils.createAuthorityList("ROLE_TECHNICIAN")));
        long orderId;
        try {
            orderId = orders.place(new NewOrder(p.id(), List.of("BMP", "3016-3"), Priority.STAT, "Dr. House", null,
                    null, "fhir")).id();
        } finally {
            SecurityContextHolder.clearContext();
        }

        Order order = orders.find(orderId).orElseThrow();
        assertThat(order.orderNumber()).matches("O\\d{6}\\d{4}");
        assertThat(order.priority()).isEqualTo(Priority.STAT);
        assertThat(order.status()).isEqualTo(OrderStatus.ACTIVE);
        assertThat(order.orderedBy()).isEqualTo("clerk");
        assertThat(order.source()).isEqualTo("FHIR");
        assertThat(order.items()).extracting(OrderItem::orderableCode).containsExactly("BMP", "TSH");
        assertThat(order.items().get(0).testCodes())
                .containsExactly("GLU", "BUN", "CREA", "NA", "K", "CL", "CO2", "CA");

        // The accessions exist as soon as the order does: BMP goes on a chemistry gold tube, TSH on an
        // immunology one.
        long bmpItem = order.items().get(0).id();
        long tshItem = order.items().get(1).id();
        List<Specimen> tubes = specimens.forOrder(orderId);
        assertThat(tubes).hasSize(2).allSatisfy(t -> {
            assertThat(t.priority()).isEqualTo(Priority.STAT);
            assertThat(t.status()).isEqualTo(SpecimenStatus.ORDERED);
        });
        assertThat(tubes).flatExtracting(Specimen::tests).contains(new Specimen.SpecimenTest(bmpItem, "K"),
                new Specimen.SpecimenTest(bmpItem, "GLU"), new Specimen.SpecimenTest(tshItem, "TSH"));

        assertThat(events.stream(OrderPlaced.class).filter(e -> e.orderId() == orderId)).singleElement()
                .satisfies(e -> assertThat(e.items()).extracting(OrderPlaced.Item::orderableCode)
                        .containsExactly("BMP", "TSH"));
        assertThat(audit.history("order", String.valueOf(orderId))).singleElement()
                .satisfies(e -> assertThat(e.newValue()).contains(order.orderNumber()).contains("BMP, TSH"));
        assertThat(orders.forPatient(p.id())).extracting(Order::id).containsExactly(orderId);
    }

    @Test
    void refusedOrdersStoreNothing() {
        Patient p = patient("Refusova");
        ResponseEntity<JsonNode> unknown = postOrder("admin", "admin-test-pass", Map.of("patientId", p.id(),
                "orderableCodes", List.of("K", "NOPE"), "orderingProvider", "Dr. House"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(422);
        assertThat(unknown.getBody().get("detail").asString()).isEqualTo("Unknown test code: NOPE. Nothing was ordered.");

        assertThatThrownBy(() -> orders.place(new NewOrder(p.id(), List.of("BMP", "K"), null, "Dr. House", null,
                null, "UI"))).isInstanceOf(InvalidInputException.class)
                .hasMessage("Potassium (K) would be ordered twice: in BMP and in K. Remove one of them.");
        assertThatThrownBy(() -> orders.place(new NewOrder(p.id(), List.of("TSH", "3016-3"), null, "Dr. House", null,
                null, "UI"))).hasMessage("TSH (Thyrotropin (TSH)) is ordered twice");
        assertThatThrownBy(() -> orders.place(new NewOrder(p.id(), List.of(), null, "Dr. House", null, null, "UI")))
                .hasMessage("Choose at least one test to order");
        assertThatThrownBy(() -> orders.place(new NewOrder(p.id(), List.of("K"), null, " ", null, null, "UI")))
                .hasMessage("Ordering provider is required");
        assertThatThrownBy(() -> orders.place(new NewOrder(999_999, List.of("K"), null, "Dr. House", null, null,
                "UI"))).hasMessage("Patient 999999 does not exist");
        assertThat(orders.forPatient(p.id())).isEmpty();
        assertThat(specimens.search(new SpecimenQuery(p.id(), null, null, null, null, null), null, 10).items())
                .isEmpty();
        assertThat(events.stream(OrderPlaced.class)).isEmpty();

        // Order and tubes share one transaction: when it rolls back, neither exists.
        tx.executeWithoutResult(s -> {
            orders.place(new NewOrder(p.id(), List.of("TSH"), null, "Dr. House", null, null, "UI"));
            assertThat(specimens.search(new SpecimenQuery(p.id(), null, null, null, null, null), null, 10).items())
                    .hasSize(1);
            s.setRollbackOnly();
        });
        assertThat(orders.forPatient(p.id())).isEmpty();
        assertThat(specimens.search(new SpecimenQuery(p.id(), null, null, null, null, null), null, 10).items())
                .isEmpty();
    }

    @Test
    void sameRequisitionJoinsTheActiveOrderOfTheSamePatientOnly() {
        Patient p = patient("Requisitova");
        Order first = orders.place(new NewOrder(p.id(), List.of("K"), Priority.ROUTINE, "Dr. House", null, "REQ-77",
                "FHIR"));
        Order joined = orders.place(new NewOrder(p.id(), List.of("TSH"), Priority.STAT, "Dr. House", null, "REQ-77",
                "FHIR"));
        assertThat(joined.id()).isEqualTo(first.id());
        assertThat(joined.items()).extracting(OrderItem::orderableCode).containsExactly("K", "TSH");
        assertThat(joined.priority()).isEqualTo(Priority.STAT);
        assertThat(orders.findByRequisition("REQ-77")).map(Order::id).contains(first.id());
        assertThat(audit.history("order", String.valueOf(first.id()))).extracting(AuditEntry::action)
                .containsExactly("CREATE", "ADD_ITEMS");

        assertThatThrownBy(() -> orders.place(new NewOrder(p.id(), List.of("2823-3"), null, "Dr. House", null,
                "REQ-77", "FHIR"))).hasMessage("K (Potassium) is ordered twice: it is already on the order");

        Patient other = patient("Jinakova");
        assertThatThrownBy(() -> orders.place(new NewOrder(other.id(), List.of("NA"), null, "Dr. House", null,
                "REQ-77", "FHIR"))).isInstanceOf(ConflictException.class)
                .hasMessageContaining("belongs to order " + first.orderNumber() + " of another patient");
        assertThat(orders.forPatient(other.id())).isEmpty();
    }

    @Test
    void cancellingTellsSpecimensAndIsAudited() {
        Patient p = patient("Cancelova");
        Order order = orders.place(new NewOrder(p.id(), List.of("K", "TSH"), null, "Dr. House", null, null, "UI"));
        long k = order.items().get(0).id();
        long tsh = order.items().get(1).id();
        String kTube = tubeOf(order.id(), k).accession();
        String tshTube = tubeOf(order.id(), tsh).accession();

        assertThatThrownBy(() -> orders.cancelItem(k, " ")).hasMessage("A reason for the cancellation is required");
        Order afterItem = orders.cancelItem(k, "ordered in error");
        assertThat(afterItem.items().get(0).status()).isEqualTo(OrderItem.CANCELLED);
        assertThat(afterItem.items().get(0).cancelReason()).isEqualTo("ordered in error");
        assertThat(afterItem.status()).isEqualTo(OrderStatus.ACTIVE);
        // K was alone on its chemistry tube, so the specimens module cancelled that tube.
        assertThat(specimens.byAccession(kTube).orElseThrow().status()).isEqualTo(SpecimenStatus.CANCELLED);
        assertThat(specimens.byAccession(tshTube).orElseThrow().status()).isEqualTo(SpecimenStatus.ORDERED);
        assertThatThrownBy(() -> orders.cancelItem(k, "again")).isInstanceOf(ConflictException.class);

        // Cancelling the whole order through the API cancels what is left.
        JsonNode cancelled = http("admin", "admin-test-pass").post().uri("/api/orders/{id}/cancel", order.id())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "patient discharged")).retrieve()
                .body(JsonNode.class);
        assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
        assertThat(specimens.byAccession(tshTube).orElseThrow().status()).isEqualTo(SpecimenStatus.CANCELLED);
        assertThat(events.stream(OrderCancelled.class).filter(e -> e.orderId() == order.id()))
                .extracting(OrderCancelled::itemIds).containsExactly(List.of(k));
        assertThat(audit.history("order", String.valueOf(order.id()))).extracting(AuditEntry::reason)
                .containsExactly(null, "ordered in error", "patient discharged");
        assertThatThrownBy(() -> orders.cancel(order.id(), "twice")).isInstanceOf(ConflictException.class)
                .hasMessage("Order " + order.orderNumber() + " is cancelled and cannot be cancelled");
    }

    @Test
    void aRejectedSpecimenFlagsItsItemsForRecollectionUntilANewTubeArrives() {
        Patient p = patient("Rejectova");
        Order order = orders.place(new NewOrder(p.id(), List.of("BMP", "TSH"), null, "Dr. House", null, null, "UI"));
        long bmp = order.items().get(0).id();
        long tsh = order.items().get(1).id();

        Specimen chemistry = tubeOf(order.id(), bmp);
        specimens.reject(chemistry.accession(), RejectionReason.HEMOLYZED, "grossly");
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(order.id()).orElseThrow().items().get(0)
                .status().equals(OrderItem.RECOLLECT));
        Order flagged = orders.find(order.id()).orElseThrow();
        assertThat(flagged.items().get(0).cancelReason())
                .isEqualTo("Specimen " + chemistry.accession() + " rejected: Hemolyzed (grossly)");
        assertThat(flagged.items().get(1).status()).isEqualTo(OrderItem.ACTIVE);
        AuditEntry flaggedEntry = audit.history("order", String.valueOf(order.id())).get(1);
        assertThat(flaggedEntry.actor()).isEqualTo("system");
        assertThat(flaggedEntry.newValue()).isEqualTo("BMP RECOLLECT");

        String page = http("admin", "admin-test-pass").get().uri("/orders/{id}", order.id()).retrieve()
                .body(String.class);
        assertThat(page).contains("RECOLLECT – new specimen needed").contains("Hemolyzed (grossly)");

        // The new tube arrives in the lab: the items are active again.
        Specimen redraw = specimens.recollect(chemistry.accession());
        specimens.receive(redraw.accession());
        await().atMost(Duration.ofSeconds(10)).until(() -> orders.find(order.id()).orElseThrow().items().get(0)
                .status().equals(OrderItem.ACTIVE));
        assertThat(audit.history("order", String.valueOf(order.id()))).last()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("New specimen " + redraw.accession() + " received"));
    }

    private Specimen tubeOf(long orderId, long itemId) {
        return specimens.forOrder(orderId).stream()
                .filter(t -> t.tests().stream().anyMatch(x -> x.orderItemId() == itemId)).findFirst().orElseThrow();
    }

    @Test
    void physicianMayReadButNotOrder() {
        if (!staff.exists("po-physician")) {
            staff.create("po-physician", "Dr. Reader", "physician-pass", Set.of(Role.PHYSICIAN));
        }
        Patient p = patient("Physicianova");
        Map<String, Object> order = Map.of("patientId", p.id(), "orderableCodes", List.of("K"), "priority", "asap",
                "orderingProvider", "Dr. Reader");
        assertThat(postOrder("po-physician", "physician-pass", order).getStatusCode().value()).isEqualTo(403);
        assertThat(orders.forPatient(p.id())).isEmpty();

        ResponseEntity<JsonNode> placed = postOrder("admin", "admin-test-pass", order);
        assertThat(placed.getStatusCode().value()).isEqualTo(201);
        assertThat(placed.getHeaders().getLocation()).hasToString("/api/orders/" + placed.getBody().get("id"));
        assertThat(placed.getBody().get("orderedBy").asString()).isEqualTo("admin");
        assertThat(placed.getBody().get("source").asString()).isEqualTo("API");
        assertThat(placed.getBody().get("priority").asString()).isEqualTo("ASAP");

        var form = new LinkedMultiValueMap<String, String>();
        form.add("patientId", String.valueOf(p.id()));
        form.add("codes", "K");
        form.add("orderingProvider", "Dr. Reader");
        assertThat(http("po-physician", "physician-pass").post().uri("/orders")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        JsonNode list = http("po-physician", "physician-pass").get().uri("/api/orders?patientId={id}", p.id())
                .retrieve().body(JsonNode.class);
        assertThat(list.get("items")).hasSize(1);
    }

    @Test
    void orderEntryPagesFromPickerToOrderPage() {
        Patient p = patient("Entryova");
        RestClient admin = http("admin", "admin-test-pass");
        assertThat(admin.get().uri("/orders/new?patientId={id}", p.id()).retrieve().body(String.class))
                .contains("ENTRYOVA, Olga").contains("id=\"picker\"");
        assertThat(admin.get().uri("/orders/picker/suggest?q=pot").retrieve().body(String.class))
                .contains("Potassium");
        String picked = admin.get().uri("/orders/picker/add?q=BMP&codes=TSH").retrieve().body(String.class);
        assertThat(picked).contains("value=\"TSH\"").contains("value=\"BMP\"").contains("Glucose")
                .contains("Potassium");
        assertThat(admin.get().uri("/orders/picker/add?q=zzz&codes=TSH").retrieve().body(String.class))
                .contains("No test or panel matches &#39;zzz&#39;").contains("value=\"TSH\"");

        var form = new LinkedMultiValueMap<String, String>();
        form.add("patientId", String.valueOf(p.id()));
        form.add("codes", "NOPE");
        form.add("priority", "ASAP");
        form.add("orderingProvider", "Dr. House");
        assertThat(admin.post().uri("/orders").contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
                .retrieve().body(String.class)).contains("Unknown test code: NOPE. Nothing was ordered.");

        form.set("codes", "BMP");
        form.add("codes", "TSH");
        ResponseEntity<String> placed = admin.post().uri("/orders").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).retrieve().toEntity(String.class);
        assertThat(placed.getStatusCode().value()).isEqualTo(302);
        Order order = orders.forPatient(p.id()).get(0);
        assertThat(placed.getHeaders().getLocation().getPath()).isEqualTo("/orders/" + order.id());
        assertThat(order.priority()).isEqualTo(Priority.ASAP);

        String page = admin.get().uri("/orders/{id}", order.id()).retrieve().body(String.class);
        assertThat(page).contains(order.orderNumber()).contains("/specimens/labels.pdf?orderId=" + order.id())
                .contains("Basic metabolic panel").contains("/specimens/" + specimens.forOrder(order.id()).get(0)
                        .accession()).contains("class=\"cap\"");
        assertThat(admin.get().uri("/orders/patient/{id}", p.id()).retrieve().body(String.class))
                .contains("/orders/" + order.id());
        assertThat(admin.get().uri("/orders?priority=ASAP").retrieve().body(String.class))
                .contains(order.orderNumber());
    }
}
