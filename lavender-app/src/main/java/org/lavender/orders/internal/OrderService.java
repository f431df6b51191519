package org.lavender.orders.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.TestDefinition;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.OrderCancelled;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderPlaced;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.OrderStatus;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.results.ReflexOrders;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Priority;
import org.lavender.shared.Slice;
import org.lavender.specimens.Specimens;
import org.lavender.specimens.TubeRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class OrderService implements Orders {

    static final String AUDIT_TYPE = "order";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int MAX_PAGE = 100;

    private final OrderRepository repository;
    private final Patients patients;
    private final Catalog catalog;
    private final Specimens specimens;
    private final Results results;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Clock clock;

    OrderService(OrderRepository repository, Patients patients, Catalog catalog, Specimens specimens,
                 Results results, ApplicationEventPublisher events, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.patients = patients;
        this.catalog = catalog;
        this.specimens = specimens;
        this.results = results;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Order place(NewOrder input) {
        OrderRequest request = OrderRequest.validate(input);
        if (patients.find(request.patientId()).isEmpty()) {
            throw new InvalidInputException("patientId", "Patient " + request.patientId() + " does not exist");
        }
        Optional<Order> joined = request.requisition() == null ? Optional.empty()
                : repository.lockActiveByRequisition(request.requisition()).flatMap(repository::find);
        if (joined.isPresent() && joined.get().patientId() != request.patientId()) {
            throw new ConflictException("Requisition " + request.requisition() + " belongs to order "
                    + joined.get().orderNumber() + " of another patient: check that the right patient is selected");
        }
        List<OrderItem> open = joined.map(o -> o.items().stream().filter(OrderItem::open).toList()).orElse(List.of());
        OrderableSelection selection = OrderableSelection.resolve(request.orderableCodes(), catalog::orderable, open);

        Instant now = clock.instant();
        long orderId;
        Priority priority;
        if (joined.isPresent()) {
            Order existing = joined.get();
            orderId = existing.id();
            // The order is worked at its most urgent request: a STAT test added to a routine order makes it STAT.
            priority = request.priority().compareTo(existing.priority()) < 0 ? request.priority()
                    : existing.priority();
            if (priority != existing.priority()) {
                repository.setPriority(orderId, priority);
            }
        } else {
            priority = request.priority();
            orderId = insertOrder(request, now);
        }
        List<OrderPlaced.Item> placed = new ArrayList<>();
        List<TubeRequest.RequestedTest> tests = new ArrayList<>();
        for (Orderable o : selection.orderables()) {
            List<String> codes = o.tests().stream().map(TestDefinition::code).toList();
            long itemId = repository.insertItem(orderId, o.code(), o.loinc(), o.name(), codes, now);
            placed.add(new OrderPlaced.Item(itemId, o.code(), codes));
            codes.forEach(c -> tests.add(new TubeRequest.RequestedTest(itemId, c)));
        }
        // Tubes and accessions are created in this transaction: an order never exists without its labels.
        specimens.planTubes(new TubeRequest(orderId, request.patientId(), priority, tests));
        Order order = repository.find(orderId).orElseThrow();
        events.publishEvent(new OrderPlaced(orderId, order.orderNumber(), order.patientId(), priority, placed));
        String items = placed.stream().map(OrderPlaced.Item::orderableCode).collect(Collectors.joining(", "));
        if (joined.isPresent()) {
            Order before = joined.get();
            audit.record(AuditEvent.of("ADD_ITEMS", AUDIT_TYPE, orderId, "priority=" + before.priority(),
                    "added " + items + "; priority=" + priority, "requisition " + request.requisition()));
        } else {
            audit.record(AuditEvent.created(AUDIT_TYPE, orderId, order.orderNumber() + " patient="
                    + order.patientId() + " priority=" + priority + " items=" + items + " provider="
                    + order.orderingProvider() + " source=" + order.source()
                    + (order.requisition() == null ? "" : " requisition=" + order.requisition())));
        }
        return order;
    }

    /**
     * Adds a reflex test the lab orders because a result met a reflex rule: a new item on the active order, run on
     * the given specimen when that tube takes the test, otherwise on a new tube. Not added (and said why) when the
     * order is no longer active, the test is unknown, inactive or not orderable alone, or an open item has it.
     * Audited as {@code requestedBy} with the reason (the rule that fired); publishes {@link OrderPlaced}.
     */
    @Transactional
    ReflexOrders.Added addReflexTest(long orderId, long specimenId, String testCode, String reason,
                                     String requestedBy) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "A reflex test needs the reason it was added");
        }
        if (requestedBy == null || requestedBy.isBlank()) {
            throw new InvalidInputException("requestedBy", "A reflex test needs who or what added it");
        }
        repository.lockOrder(orderId).orElseThrow(() -> new NotFoundException("Order", orderId));
        Order current = repository.find(orderId).orElseThrow();
        Optional<TestDefinition> found = catalog.test(testCode).filter(TestDefinition::active)
                .filter(t -> catalog.orderable(t.code()).isPresent());
        if (found.isEmpty()) {
            return notAdded(current, ReflexOrders.Outcome.NOT_ADDED, testCode
                    + " is not an active test orderable on its own", reason, requestedBy);
        }
        TestDefinition test = found.get();
        if (current.status() == OrderStatus.COMPLETED && current.items().stream().filter(OrderItem::open)
                .noneMatch(i -> i.testCodes().contains(test.code()))) {
            // A reflex on a corrected result of a finished order: the order is open again until the new test is done.
            repository.setOrderStatus(orderId, OrderStatus.ACTIVE, null);
            audit.record(requestedBy, AuditEvent.changed(AUDIT_TYPE, orderId, "status=COMPLETED", "status=ACTIVE",
                    "reopened for reflex test " + test.code() + ": " + reason));
            current = repository.find(orderId).orElseThrow();
        }
        Order order = current;
        if (order.status() != OrderStatus.ACTIVE) {
            return notAdded(order, ReflexOrders.Outcome.NOT_ADDED, "order " + order.orderNumber() + " is "
                    + order.status().name().toLowerCase(), reason, requestedBy);
        }
        if (order.items().stream().filter(OrderItem::open).anyMatch(i -> i.testCodes().contains(test.code()))) {
            return notAdded(order, ReflexOrders.Outcome.ALREADY_ORDERED, test.code() + " is already ordered on "
                    + order.orderNumber(), reason, requestedBy);
        }
        Instant now = clock.instant();
        List<String> codes = List.of(test.code());
        long itemId = repository.insertItem(orderId, test.code(), test.loinc(), test.name(), codes, now);
        String where = specimens.addToDrawnTube(specimenId, itemId, test.code(), reason)
                .map(s -> "on specimen " + s.accession())
                .orElseGet(() -> "on a new tube " + specimens.planTubes(new TubeRequest(orderId, order.patientId(),
                                order.priority(), List.of(new TubeRequest.RequestedTest(itemId, test.code())))).stream()
                        .filter(t -> t.tests().stream().anyMatch(x -> x.orderItemId() == itemId))
                        .map(org.lavender.specimens.Specimen::accession).findFirst().orElse(""));
        events.publishEvent(new OrderPlaced(orderId, order.orderNumber(), order.patientId(), order.priority(),
                List.of(new OrderPlaced.Item(itemId, test.code(), codes))));
        String detail = test.code() + " added to order " + order.orderNumber() + " " + where;
        audit.record(requestedBy, AuditEvent.of("REFLEX", AUDIT_TYPE, orderId, null, "added " + test.code() + " "
                + where, reason.strip()));
        return new ReflexOrders.Added(ReflexOrders.Outcome.ADDED, itemId, detail);
    }

    private ReflexOrders.Added notAdded(Order order, ReflexOrders.Outcome outcome, String why, String reason,
                                        String requestedBy) {
        audit.record(requestedBy, AuditEvent.of("REFLEX", AUDIT_TYPE, order.id(), null, "not added: " + why,
                reason.strip()));
        return new ReflexOrders.Added(outcome, null, why);
    }

    private long insertOrder(OrderRequest r, Instant now) {
        LocalDate day = LocalDate.ofInstant(now, clock.getZone());
        String number = "O" + DAY.format(day) + String.format("%04d", repository.nextNumberOfDay(day));
        try {
            return repository.insertOrder(number, r.patientId(), r.priority(), r.orderingProvider(),
                    r.clinicalNotes(), r.requisition(), now, currentUser(), r.source());
        } catch (DuplicateKeyException e) {
            throw new ConflictException("Requisition " + r.requisition() + " was ordered at the same moment by"
                    + " another request: send the order again to add it to that order");
        }
    }

    @Override
    @Transactional
    public Order cancel(long orderId, String reason) {
        String why = OrderRequest.reason(reason);
        repository.lockOrder(orderId).orElseThrow(() -> new NotFoundException("Order", orderId));
        Order order = repository.find(orderId).orElseThrow();
        if (order.status() != OrderStatus.ACTIVE) {
            throw new ConflictException("Order " + order.orderNumber() + " is " + order.status().name().toLowerCase()
                    + " and cannot be cancelled");
        }
        List<OrderItem> open = order.items().stream().filter(OrderItem::open).toList();
        List<Long> ids = open.stream().map(OrderItem::id).toList();
        repository.setOrderStatus(orderId, OrderStatus.CANCELLED, why);
        if (!ids.isEmpty()) {
            repository.setItemStatus(ids, OrderItem.CANCELLED, why);
            specimens.cancelItems(orderId, ids, why);
        }
        events.publishEvent(new OrderCancelled(orderId, ids, why));
        audit.record(AuditEvent.changed(AUDIT_TYPE, orderId, "status=ACTIVE", "status=CANCELLED", why));
        return repository.find(orderId).orElseThrow();
    }

    @Override
    @Transactional
    public Order cancelItem(long itemId, String reason) {
        String why = OrderRequest.reason(reason);
        long orderId = repository.orderOfItem(itemId).orElseThrow(() -> new NotFoundException("Order item", itemId));
        repository.lockOrder(orderId);
        Order order = repository.find(orderId).orElseThrow();
        OrderItem item = order.items().stream().filter(i -> i.id() == itemId).findFirst().orElseThrow();
        if (order.status() != OrderStatus.ACTIVE) {
            throw new ConflictException("Order " + order.orderNumber() + " is " + order.status().name().toLowerCase()
                    + ": its items cannot be cancelled");
        }
        if (!item.open()) {
            throw new ConflictException(item.orderableCode() + " on order " + order.orderNumber()
                    + " is already cancelled");
        }
        repository.setItemStatus(List.of(itemId), OrderItem.CANCELLED, why);
        boolean lastOpen = order.items().stream().filter(OrderItem::open).count() == 1;
        if (lastOpen) {
            repository.setOrderStatus(orderId, OrderStatus.CANCELLED, why);
        }
        specimens.cancelItems(orderId, List.of(itemId), why);
        events.publishEvent(new OrderCancelled(orderId, List.of(itemId), why));
        audit.record(AuditEvent.of("CANCEL_ITEM", AUDIT_TYPE, orderId, item.orderableCode() + " " + item.status(),
                item.orderableCode() + " CANCELLED" + (lastOpen ? "; order CANCELLED (no item left)" : ""), why));
        return repository.find(orderId).orElseThrow();
    }

    /**
     * Completes an active order when every measured test of its open items has a released result (final or
     * corrected); cancelled results do not hold it open, an item waiting for recollection or a tube not yet
     * received does. A calculated test without a value is left out: one that cannot be calculated (e.g.
     * Friedewald LDL with triglyceride above 400 mg/dL) must not keep the order open. Recorded as {@code system}.
     */
    @Transactional
    public void completeIfAllReleased(long orderId) {
        // Most releases leave their order open. That is seen without the order's lock, so those checks neither
        // queue behind one another nor write (a row lock is a write, flushed at commit); an order found complete
        // is locked and checked again before it is closed.
        if (repository.find(orderId).filter(this::everyTestReleased).isEmpty()
                || repository.lockOrder(orderId).flatMap(repository::find).filter(this::everyTestReleased).isEmpty()) {
            return;
        }
        repository.setOrderStatus(orderId, OrderStatus.COMPLETED, null);
        audit.record("system", AuditEvent.changed(AUDIT_TYPE, orderId, "status=ACTIVE", "status=COMPLETED",
                "every test released"));
    }

    private boolean everyTestReleased(Order order) {
        if (order.status() != OrderStatus.ACTIVE) {
            return false;
        }
        List<OrderItem> open = order.items().stream().filter(OrderItem::open).toList();
        if (open.isEmpty() || open.stream().anyMatch(i -> OrderItem.RECOLLECT.equals(i.status()))) {
            return false;
        }
        Map<Long, List<LabResult>> byItem = results.forOrder(order.id()).stream()
                .filter(r -> r.status() != ResultStatus.PENDING || !results.calculated(r.testCode()))
                .collect(Collectors.groupingBy(LabResult::orderItemId));
        for (OrderItem item : open) {
            List<LabResult> measured = byItem.getOrDefault(item.id(), List.of());
            Set<String> resulted = measured.stream().map(LabResult::testCode).collect(Collectors.toSet());
            boolean everyTestHasAResult = item.testCodes().stream()
                    .allMatch(code -> resulted.contains(code) || results.calculated(code));
            boolean allDone = measured.stream()
                    .allMatch(r -> r.status().released() || r.status() == ResultStatus.CANCELLED);
            if (!everyTestHasAResult || measured.isEmpty() || !allDone) {
                return false;
            }
        }
        return true;
    }

    /** Marks items for recollection, or back to active, as actor {@code system}. Returns the items changed. */
    @Transactional
    public List<OrderItem> setItemsStatus(long orderId, List<Long> itemIds, String fromStatus, String toStatus,
                                          String reason) {
        Optional<Order> order = repository.lockOrder(orderId).flatMap(repository::find);
        if (order.isEmpty()) {
            return List.of();
        }
        List<OrderItem> affected = order.get().items().stream()
                .filter(i -> itemIds.contains(i.id()) && fromStatus.equals(i.status()))
                .sorted(Comparator.comparingLong(OrderItem::id)).toList();
        if (affected.isEmpty()) {
            return affected;
        }
        repository.setItemStatus(affected.stream().map(OrderItem::id).toList(), toStatus,
                OrderItem.ACTIVE.equals(toStatus) ? null : reason);
        String codes = affected.stream().map(OrderItem::orderableCode).collect(Collectors.joining(", "));
        audit.record("system", AuditEvent.changed(AUDIT_TYPE, orderId, codes + " " + fromStatus,
                codes + " " + toStatus, reason));
        return affected;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Order> find(long orderId) {
        return repository.find(orderId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Order> findByItem(long itemId) {
        return repository.orderOfItem(itemId).flatMap(repository::find);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Order> findByRequisition(String requisition) {
        return requisition == null || requisition.isBlank() ? Optional.empty()
                : repository.findByRequisition(requisition.strip());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Order> forPatient(long patientId) {
        return repository.forPatient(patientId);
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<Order> list(OrderQuery query, String cursor, int size) {
        return repository.list(query == null ? new OrderQuery(null, null, null, null) : query, cursor,
                Math.min(Math.max(size, 1), MAX_PAGE));
    }

    private static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }
}
