package org.lavender.specimens.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Slice;
import org.lavender.specimens.Accession;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenAliquoted;
import org.lavender.specimens.SpecimenCollected;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.SpecimenReceived;
import org.lavender.specimens.SpecimenRejected;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.lavender.specimens.TubeRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The life of a tube: planned with its order, drawn, received at the bench, rejected and recollected, split into
 * aliquots. Every change is audited in the same transaction and announced as an event for results and orders.
 */
@Service
class SpecimenService implements Specimens {

    static final String AUDIT_TYPE = "specimen";
    /** Recorded as the collector when a tube is received without a documented draw. */
    static final String COLLECTOR_NOT_RECORDED = "unknown";
    /** Bench PCs and handhelds drift; a draw time this far ahead of the server clock is still accepted. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
    private static final int MAX_COMMENT = 500;

    private final SpecimenRepository repository;
    private final AccessionNumbers accessions;
    private final Catalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final LabelService labels;
    private final Clock clock;
    private final Duration maxDrawBeforeOrder;

    SpecimenService(SpecimenRepository repository, AccessionNumbers accessions, Catalog catalog, AuditLog audit,
                    ApplicationEventPublisher events, LabelService labels, Clock clock,
                    @Value("${lavender.specimens.max-draw-before-order:PT24H}") Duration maxDrawBeforeOrder) {
        this.repository = repository;
        this.accessions = accessions;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.labels = labels;
        this.clock = clock;
        this.maxDrawBeforeOrder = maxDrawBeforeOrder;
    }

    /** Tubes are grouped by what is drawn and where it is worked: one container type for one section. */
    record TubeKey(String containerCode, String section) {
    }

    @Override
    @Transactional
    public List<Specimen> planTubes(TubeRequest request) {
        if (request == null || request.tests() == null || request.tests().isEmpty()) {
            throw new InvalidInputException("tests", "No tests given: there is nothing to plan tubes for");
        }
        if (request.priority() == null) {
            throw new InvalidInputException("priority", "Priority is required to plan tubes");
        }
        Map<String, TestDefinition> definitions = resolve(request.tests());
        List<Tube> existing = repository.forOrder(request.orderId(), true);
        existing.stream().filter(t -> t.patientId() != request.patientId()).findFirst().ifPresent(t -> {
            throw new InvalidInputException("patientId", "Order " + request.orderId() + " already has tube "
                    + t.accession() + " for another patient; tubes were not planned");
        });
        Set<String> planned = new HashSet<>();
        existing.stream().filter(t -> t.status().active())
                .forEach(t -> t.activeLines().forEach(l -> planned.add(l.orderItemId() + "/" + l.testCode())));

        Map<TubeKey, List<TubeRequest.RequestedTest>> groups = new LinkedHashMap<>();
        for (TubeRequest.RequestedTest test : request.tests()) {
            if (planned.add(test.orderItemId() + "/" + definitions.get(test.testCode()).code())) {
                TestDefinition d = definitions.get(test.testCode());
                groups.computeIfAbsent(new TubeKey(d.containerCode(), d.section()), k -> new ArrayList<>())
                        .add(new TubeRequest.RequestedTest(test.orderItemId(), d.code()));
            }
        }
        Map<String, Optional<ContainerType>> containers = new LinkedHashMap<>();
        groups.keySet().forEach(k -> containers.computeIfAbsent(k.containerCode(), catalog::container));
        // Accessions ascend in the CLSI GP41 order of draw, so the label sheet prints in the order tubes are filled.
        List<TubeKey> keys = groups.keySet().stream()
                .sorted(Comparator.comparingInt(k -> containers.get(k.containerCode())
                        .map(ContainerType::drawOrder).orElse(Integer.MAX_VALUE)))
                .toList();
        for (TubeKey key : keys) {
            List<TubeRequest.RequestedTest> tests = groups.get(key);
            Optional<Tube> open = existing.stream()
                    .filter(t -> t.status() == SpecimenStatus.ORDERED && t.parentId() == null
                            && key.equals(new TubeKey(t.containerCode(), t.section())))
                    .findFirst();
            if (open.isPresent()) {
                addToTube(open.get(), tests, request);
            } else {
                TestDefinition first = definitions.get(tests.get(0).testCode());
                String specimenType = first.specimenType() != null ? first.specimenType()
                        : containers.get(key.containerCode()).map(ContainerType::specimenType).orElse(null);
                if (specimenType == null) {
                    throw new InvalidInputException("tests", "Test " + first.code() + " has no specimen type in the"
                            + " catalog; tubes were not planned");
                }
                newTube(request, key, specimenType, tests);
            }
        }
        return forOrder(request.orderId());
    }

    @Override
    @Transactional
    public Optional<Specimen> addToDrawnTube(long specimenId, long orderItemId, String testCode, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "Adding a test to a drawn tube needs a reason");
        }
        TestDefinition test = catalog.test(testCode)
                .orElseThrow(() -> new InvalidInputException("testCode", "Unknown test '" + testCode + "'"));
        Optional<Tube> found = repository.byId(specimenId)
                .flatMap(t -> repository.byAccession(t.accession(), true));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Tube tube = found.get();
        boolean fits = tube.status().active() && tube.status() != SpecimenStatus.ORDERED
                && tube.containerCode().equals(test.containerCode()) && tube.section().equals(test.section());
        if (!fits) {
            return Optional.empty();
        }
        if (tube.activeLines().stream().anyMatch(l -> l.testCode().equals(test.code()))) {
            throw new ConflictException(test.code() + " is already to be run on " + tube.accession());
        }
        repository.addTest(tube.id(), orderItemId, test.code());
        Tube after = load(tube.accession());
        audit.record(AuditEvent.of("ADD_TEST", AUDIT_TYPE, tube.accession(), tube.auditState(), after.auditState(),
                reason.strip()));
        return Optional.of(after.toSpecimen());
    }

    private Map<String, TestDefinition> resolve(List<TubeRequest.RequestedTest> tests) {
        Map<String, TestDefinition> definitions = new LinkedHashMap<>();
        Set<String> unknown = new LinkedHashSet<>();
        List<String> unusable = new ArrayList<>();
        for (TubeRequest.RequestedTest t : tests) {
            if (t.testCode() == null || t.testCode().isBlank()) {
                throw new InvalidInputException("tests", "Order item " + t.orderItemId() + " has no test code");
            }
            if (definitions.containsKey(t.testCode())) {
                continue;
            }
            Optional<TestDefinition> d = catalog.test(t.testCode());
            if (d.isEmpty()) {
                unknown.add(t.testCode());
            } else if (!d.get().active()) {
                unusable.add(t.testCode() + " is inactive");
            } else if (d.get().containerCode() == null || d.get().section() == null) {
                unusable.add(t.testCode() + " has no container or section in the catalog");
            } else {
                definitions.put(t.testCode(), d.get());
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("tests", "Unknown test code" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; no tubes were planned");
        }
        if (!unusable.isEmpty()) {
            throw new InvalidInputException("tests", "Test " + String.join("; ", unusable)
                    + "; no tubes were planned");
        }
        return definitions;
    }

    private void addToTube(Tube tube, List<TubeRequest.RequestedTest> tests, TubeRequest request) {
        tests.forEach(t -> repository.addTest(tube.id(), t.orderItemId(), t.testCode()));
        String reason = "tests added to order " + request.orderId();
        if (request.priority().compareTo(tube.priority()) < 0) {
            repository.changePriority(tube, request.priority());
            reason += "; priority raised " + tube.priority() + " → " + request.priority();
        }
        Tube after = load(tube.accession());
        audit.record(AuditEvent.changed(AUDIT_TYPE, tube.accession(), tube.auditState(), after.auditState(), reason));
    }

    private Tube newTube(TubeRequest request, TubeKey key, String specimenType,
                         List<TubeRequest.RequestedTest> tests) {
        Accession accession = accessions.next();
        long id = repository.insert(new SpecimenRepository.NewTube(accession.value(), request.orderId(),
                request.patientId(), request.priority(), key.containerCode(), specimenType, key.section(),
                SpecimenStatus.ORDERED, now(), null, null, null, null, null, null));
        tests.forEach(t -> repository.addTest(id, t.orderItemId(), t.testCode()));
        Tube tube = load(accession.value());
        audit.record(AuditEvent.created(AUDIT_TYPE, accession.value(),
                tube.auditState() + " order=" + request.orderId() + " priority=" + request.priority()));
        return tube;
    }

    @Override
    @Transactional
    public void cancelItems(long orderId, List<Long> orderItemIds, String reason) {
        if (orderItemIds == null || orderItemIds.isEmpty()) {
            throw new InvalidInputException("orderItemIds", "Name the order items to cancel");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "A reason is required to cancel tests");
        }
        Set<Long> items = Set.copyOf(orderItemIds);
        for (Tube tube : repository.forOrder(orderId, true)) {
            // Received tubes keep their tests: once in the lab, cancelling a test is the results module's call.
            if (tube.status() == SpecimenStatus.RECEIVED || tube.status() == SpecimenStatus.CANCELLED) {
                continue;
            }
            List<Long> cancelled = tube.activeLines().stream().filter(l -> items.contains(l.orderItemId()))
                    .map(Tube.TestLine::id).toList();
            if (cancelled.isEmpty()) {
                continue;
            }
            repository.setTestStatus(cancelled, Tube.CANCELLED);
            boolean empty = cancelled.size() == tube.activeLines().size();
            if (empty && tube.status().canBecome(SpecimenStatus.CANCELLED)) {
                repository.cancel(tube);
            }
            Tube after = load(tube.accession());
            audit.record(AuditEvent.changed(AUDIT_TYPE, tube.accession(), tube.auditState(), after.auditState(),
                    "order items " + orderItemIds + " cancelled: " + reason.strip()));
        }
    }

    @Override
    @Transactional
    public Specimen collect(String accession, String collectedBy, Instant collectedAt) {
        if (collectedBy == null || collectedBy.isBlank()) {
            throw new InvalidInputException("collectedBy", "Say who collected the specimen");
        }
        if (collectedAt == null) {
            throw new InvalidInputException("collectedAt", "The collection time is required");
        }
        Tube tube = lock(accession);
        if (tube.status() != SpecimenStatus.ORDERED) {
            throw new ConflictException(switch (tube.status()) {
                case COLLECTED -> "Tube " + tube.accession() + " was already collected at " + tube.collectedAt()
                        + " by " + tube.collectedBy();
                case RECEIVED -> "Tube " + tube.accession() + " was already received in the lab";
                default -> "Tube " + tube.accession() + " is " + tube.status() + " and cannot be collected";
            });
        }
        Instant now = now();
        if (collectedAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException("collectedAt", "Collection time " + collectedAt
                    + " is in the future (now " + now + ")");
        }
        // A draw may precede order entry (ED "rainbow" draws, verbal orders), so the true time is kept; a draw long
        // before the order is implausible and refused (lavender.specimens.max-draw-before-order, default 24 h).
        Instant earliest = tube.createdAt().truncatedTo(ChronoUnit.MINUTES).minus(maxDrawBeforeOrder);
        if (collectedAt.isBefore(earliest)) {
            throw new InvalidInputException("collectedAt", "Collection time " + collectedAt
                    + " is more than " + maxDrawBeforeOrder.toHours() + " h before the tube was ordered ("
                    + tube.createdAt() + ")");
        }
        String who = collectedBy.strip();
        repository.collect(tube, collectedAt, who);
        audit.record(AuditEvent.of("COLLECT", AUDIT_TYPE, tube.accession(), tube.status().name(),
                "COLLECTED at " + collectedAt + " by " + who, null));
        events.publishEvent(new SpecimenCollected(tube.id(), tube.accession(), tube.orderId(), collectedAt, who));
        return load(tube.accession()).toSpecimen();
    }

    @Override
    @Transactional
    public Specimen receive(String accession) {
        Tube tube = lock(accession);
        switch (tube.status()) {
            case RECEIVED -> throw new ConflictException("Tube " + tube.accession() + " was already received at "
                    + tube.receivedAt() + " by " + tube.receivedBy() + "; nothing changed");
            case REJECTED -> throw new ConflictException("Tube " + tube.accession() + " was rejected ("
                    + tube.rejectionReason().display() + "): do not test it; a recollection is needed");
            case CANCELLED -> throw new ConflictException("Tube " + tube.accession()
                    + " was cancelled with its tests: do not test it");
            default -> {
            }
        }
        Instant now = now();
        String receiver = currentUser();
        // A tube arriving without a documented draw is accepted; the receipt time stands in for the draw time (an
        // upper bound: the true draw was earlier) and the collector is recorded as not known.
        boolean drawRecorded = tube.collectedAt() != null;
        Instant collectedAt = drawRecorded ? tube.collectedAt() : now;
        String collectedBy = drawRecorded ? tube.collectedBy() : COLLECTOR_NOT_RECORDED;
        repository.receive(tube, collectedAt, collectedBy, now, receiver);
        audit.record(AuditEvent.of("RECEIVE", AUDIT_TYPE, tube.accession(), tube.status().name(),
                "RECEIVED at " + now, drawRecorded ? null
                        : "collection was not recorded: collected_at set to the receipt time, collector unknown"));
        events.publishEvent(new SpecimenReceived(tube.id(), tube.accession(), tube.orderId(), tube.patientId(),
                tube.priority(), tube.section(), collectedAt, now, tube.activeTests()));
        return load(tube.accession()).toSpecimen();
    }

    @Override
    @Transactional
    public Specimen reject(String accession, RejectionReason reason, String comment) {
        if (reason == null) {
            throw new InvalidInputException("reason", "Choose a rejection reason");
        }
        String note = comment == null || comment.isBlank() ? null : comment.strip();
        if (note != null && note.length() > MAX_COMMENT) {
            throw new InvalidInputException("comment", "The comment is longer than " + MAX_COMMENT + " characters");
        }
        Tube tube = lock(accession);
        if (!tube.status().canBecome(SpecimenStatus.REJECTED)) {
            throw new ConflictException("Tube " + tube.accession() + " is already " + tube.status()
                    + (tube.rejectionReason() != null ? " (" + tube.rejectionReason().display() + ")" : ""));
        }
        repository.reject(tube, reason, note, now(), currentUser());
        audit.record(AuditEvent.of("REJECT", AUDIT_TYPE, tube.accession(), tube.status().name(),
                "REJECTED " + reason, note == null ? reason.display() : reason.display() + ": " + note));
        events.publishEvent(new SpecimenRejected(tube.id(), tube.accession(), tube.orderId(), reason, note,
                tube.activeLines().stream().map(Tube.TestLine::orderItemId).distinct().toList()));
        return load(tube.accession()).toSpecimen();
    }

    @Override
    @Transactional
    public Specimen recollect(String rejectedAccession) {
        Tube rejected = lock(rejectedAccession);
        if (rejected.status() != SpecimenStatus.REJECTED) {
            throw new ConflictException("Only a rejected tube is recollected; " + rejected.accession() + " is "
                    + rejected.status());
        }
        repository.replacementOf(rejected.id()).ifPresent(r -> {
            throw new ConflictException("Tube " + rejected.accession() + " was already recollected as "
                    + r.accession());
        });
        // Tests that meanwhile got a tube of their own (e.g. re-ordered) are not drawn twice.
        Set<String> elsewhere = repository.forOrder(rejected.orderId(), false).stream()
                .filter(t -> t.id() != rejected.id() && t.status().active())
                .flatMap(t -> t.activeLines().stream()).map(l -> l.orderItemId() + "/" + l.testCode())
                .collect(Collectors.toSet());
        List<Tube.TestLine> lines = rejected.activeLines().stream()
                .filter(l -> !elsewhere.contains(l.orderItemId() + "/" + l.testCode())).toList();
        if (lines.isEmpty()) {
            throw new ConflictException("The tests of tube " + rejected.accession()
                    + " are already on other tubes or were cancelled; nothing to recollect");
        }
        Accession accession = accessions.next();
        long id = repository.insert(new SpecimenRepository.NewTube(accession.value(), rejected.orderId(),
                rejected.patientId(), rejected.priority(), rejected.containerCode(), rejected.specimenType(),
                rejected.section(), SpecimenStatus.ORDERED, now(), null, null, null, null, null, rejected.id()));
        lines.forEach(l -> repository.addTest(id, l.orderItemId(), l.testCode()));
        Tube tube = load(accession.value());
        audit.record(AuditEvent.of("RECOLLECT", AUDIT_TYPE, accession.value(), null, tube.auditState(),
                "recollection of " + rejected.accession() + " rejected as " + rejected.rejectionReason()));
        return tube.toSpecimen();
    }

    @Override
    @Transactional
    public Specimen aliquot(String accession, List<String> testCodes) {
        if (testCodes == null || testCodes.isEmpty()) {
            throw new InvalidInputException("testCodes", "Choose the tests that move to the aliquot");
        }
        Tube parent = lock(accession);
        if (parent.status() != SpecimenStatus.RECEIVED) {
            throw new ConflictException("Only a received tube is aliquoted; " + parent.accession() + " is "
                    + parent.status());
        }
        Set<String> codes = new LinkedHashSet<>();
        testCodes.forEach(c -> codes.add(c.strip()));
        List<Tube.TestLine> moved = parent.activeLines().stream().filter(l -> codes.contains(l.testCode())).toList();
        Set<String> missing = new LinkedHashSet<>(codes);
        moved.forEach(l -> missing.remove(l.testCode()));
        if (!missing.isEmpty()) {
            throw new InvalidInputException("testCodes", "Test " + String.join(", ", missing) + " is not on tube "
                    + parent.accession());
        }
        Accession child = new Accession(parent.accession()).aliquot(repository.aliquotsOf(parent.id()).size() + 1);
        Instant now = now();
        long id = repository.insert(new SpecimenRepository.NewTube(child.value(), parent.orderId(),
                parent.patientId(), parent.priority(), parent.containerCode(), parent.specimenType(),
                parent.section(), SpecimenStatus.RECEIVED, now, parent.collectedAt(), parent.collectedBy(), now,
                currentUser(), parent.id(), null));
        moved.forEach(l -> repository.addTest(id, l.orderItemId(), l.testCode()));
        repository.setTestStatus(moved.stream().map(Tube.TestLine::id).toList(), Tube.MOVED);
        Tube aliquot = load(child.value());
        audit.record(AuditEvent.of("ALIQUOT", AUDIT_TYPE, child.value(), null, aliquot.auditState(),
                "aliquot of " + parent.accession()));
        audit.record(AuditEvent.changed(AUDIT_TYPE, parent.accession(), parent.auditState(),
                load(parent.accession()).auditState(), "tests moved to aliquot " + child.value()));
        events.publishEvent(new SpecimenAliquoted(parent.id(), parent.accession(), id, child.value(),
                parent.orderId(), aliquot.activeTests()));
        return aliquot.toSpecimen();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Specimen> find(long id) {
        return repository.byId(id).map(Tube::toSpecimen);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Specimen> byAccession(String accession) {
        return repository.byAccession(Accession.normalise(accession), false).map(Tube::toSpecimen);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Specimen> byAccessions(Collection<String> accessions) {
        return repository.byAccessions(accessions.stream().map(Accession::normalise).distinct().toList()).stream()
                .map(Tube::toSpecimen).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Specimen> forOrder(long orderId) {
        return repository.forOrder(orderId, false).stream().map(Tube::toSpecimen).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<Specimen> search(SpecimenQuery query, String cursor, int size) {
        Long before = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                before = Long.parseLong(cursor.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("cursor", "'" + cursor + "' is not a page cursor of this list");
            }
        }
        SpecimenQuery q = query == null ? new SpecimenQuery(null, null, null, null, null, null) : query;
        if (q.accession() != null) {
            q = new SpecimenQuery(q.patientId(), q.orderId(), q.orderItemId(), q.status(), q.section(),
                    Accession.normalise(q.accession()));
        }
        int limit = Math.min(Math.max(size, 1), 200);
        List<Tube> rows = repository.search(q, before, limit + 1);
        boolean more = rows.size() > limit;
        List<Specimen> page = rows.stream().limit(limit).map(Tube::toSpecimen).toList();
        return new Slice<>(page, more ? String.valueOf(page.get(page.size() - 1).id()) : null);
    }

    @Override
    @Transactional(readOnly = true)
    public String zplLabel(String accession) {
        return labels.zpl(load(Accession.normalise(accession)));
    }

    @Override
    @Transactional(readOnly = true)
    public byte[] pdfLabels(List<String> accessionList) {
        if (accessionList == null || accessionList.isEmpty()) {
            throw new InvalidInputException("accession", "Name at least one tube to print labels for");
        }
        List<String> wanted = accessionList.stream().map(Accession::normalise).distinct().toList();
        List<Tube> tubes = repository.byAccessions(wanted);
        Set<String> found = tubes.stream().map(Tube::accession).collect(Collectors.toSet());
        wanted.stream().filter(a -> !found.contains(a)).findFirst().ifPresent(a -> {
            throw new UnknownAccessionException(a);
        });
        return labels.pdf(tubes);
    }

    /** The tube with all its test lines and rejection details, for the accession screen. */
    @Transactional(readOnly = true)
    Tube detail(String accession) {
        return load(Accession.normalise(accession));
    }

    @Transactional(readOnly = true)
    List<Tube> tubesOfOrder(long orderId) {
        return repository.forOrder(orderId, false);
    }

    @Transactional(readOnly = true)
    Optional<Tube> byId(long id) {
        return repository.byId(id);
    }

    @Transactional(readOnly = true)
    List<Tube> aliquotsOf(long id) {
        return repository.aliquotsOf(id);
    }

    @Transactional(readOnly = true)
    Optional<Tube> replacementOf(long id) {
        return repository.replacementOf(id);
    }

    private Tube lock(String scanned) {
        return repository.byAccession(Accession.normalise(scanned), true)
                .orElseThrow(() -> new UnknownAccessionException(scanned == null ? "" : scanned.strip()));
    }

    private Tube load(String accession) {
        return repository.byAccession(accession, false)
                .orElseThrow(() -> new UnknownAccessionException(accession));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }
}
