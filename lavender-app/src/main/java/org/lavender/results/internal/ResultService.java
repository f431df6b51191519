package org.lavender.results.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.Section;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.SpecimenResultsReceived;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.results.CriticalResultDetected;
import org.lavender.results.LabResult;
import org.lavender.results.ResultAmended;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultRevision;
import org.lavender.results.ResultStatus;
import org.lavender.results.ResultVerified;
import org.lavender.results.ResultsFiled;
import org.lavender.results.Results;
import org.lavender.shared.ConflictException;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The bench side of results: entry with automatic flags, verification (release) and correction. A result reaches a
 * provider only as FINAL or CORRECTED, and only through {@link #verify} by a person with the verifier role.
 */
@Service
class ResultService implements Results {

    /** The statuses of a worklist, as ResultStatus.open() tells them. */
    static final Set<ResultStatus> OPEN = java.util.Arrays.stream(ResultStatus.values()).filter(ResultStatus::open)
            .collect(java.util.stream.Collectors.toCollection(() -> EnumSet.noneOf(ResultStatus.class)));

    private final ResultRepository repository;
    private final Catalog catalog;
    private final Patients patients;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ResultIntelligence intelligence;
    private final VerificationRepository verification;

    ResultService(ResultRepository repository, Catalog catalog, Patients patients, AuditLog audit,
                  ApplicationEventPublisher events, Clock clock, ResultIntelligence intelligence,
                  VerificationRepository verification) {
        this.intelligence = intelligence;
        this.verification = verification;
        this.repository = repository;
        this.catalog = catalog;
        this.patients = patients;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LabResult> find(long id) {
        return repository.find(id).map(ResultRepository.Row::result);
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<LabResult> search(ResultQuery query, String cursor, int size) {
        int pageSize = Math.min(Math.max(size, 1), 500);
        Long before = parseId(cursor);
        List<LabResult> rows = repository.search(query, before, pageSize + 1).stream()
                .map(ResultRepository.Row::result).toList();
        if (rows.size() > pageSize) {
            List<LabResult> page = rows.subList(0, pageSize);
            return new Slice<>(page, Long.toString(page.get(pageSize - 1).id()));
        }
        return new Slice<>(rows, null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabResult> forOrder(long orderId) {
        return repository.forOrder(orderId).stream().map(ResultRepository.Row::result).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabResult> measuredOn(String testCode, String analyzer, Instant from, Instant to, int limit) {
        return repository.measuredOn(testCode, analyzer == null ? null : "analyzer:" + analyzer, from, to,
                Math.min(Math.max(limit, 1), 1000)).stream().map(ResultRepository.Row::result).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabResult> forOrders(java.util.Collection<Long> orderIds) {
        return repository.forOrders(orderIds).stream().map(ResultRepository.Row::result).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ResultRevision> revisions(long resultId) {
        return repository.revisions(resultId);
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public LabResult enter(long resultId, String valueText, String comment) {
        ResultRepository.Row row = lockedRow(resultId);
        LabResult old = row.result();
        if (!old.status().open()) {
            throw new ConflictException(old.testName() + " on " + old.accession() + " is " + old.status().fhir()
                    + "; a released result can only be corrected, with a reason");
        }
        intelligence.refuseManualEntry(old);
        LabResult updated = evaluate(row, valueText, comment, ResultStatus.PRELIMINARY, null, null);
        String user = currentUser();
        Instant now = clock.instant();
        if (old.valueText() != null) {
            repository.addRevision(old, user, now, "re-entered before verification");
        }
        repository.saveValue(new ResultRepository.Row(updated, row.priority(), row.resultType(), row.decimals()), user,
                now);
        audit.record(AuditEvent.changed("result", old.id(), describe(old), describe(updated),
                old.valueText() == null ? "entered" : "re-entered before verification"));
        if (updated.interpretation() != null && updated.interpretation().critical()) {
            events.publishEvent(new CriticalResultDetected(old.id(), old.orderId(), old.patientId(), old.testCode(),
                    updated.valueText(), updated.interpretation()));
        }
        events.publishEvent(new ResultsFiled(null, now,
                List.of(new ResultsFiled.Filed(old.id(), old.specimenId(), old.testCode()))));
        intelligence.afterValue(resultId, null);
        return find(resultId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public boolean calculated(String testCodeOrLoinc) {
        return intelligence.calculated(testCodeOrLoinc);
    }

    // A second pair of eyes: many labs require another person to verify manually entered results. Where a section
    // asks for a second (medical) verification, the first signature leaves the result preliminary (FHIR
    // preliminary) and only a second, different verifier releases it.
    @Override
    @PreAuthorize("hasRole('VERIFIER')")
    @Transactional
    public List<LabResult> verify(List<Long> resultIds) {
        if (resultIds.isEmpty()) {
            throw new InvalidInputException("results", "Select at least one result to verify");
        }
        String user = currentUser();
        Instant now = clock.instant();
        // Every selected result is locked and read with its section's policy at once, then checked in the order
        // given; a result selected twice is refused the second time, as the first time left it.
        Map<Long, VerificationRepository.Candidate> selected = new HashMap<>();
        verification.lockForVerification(resultIds).forEach(c -> selected.put(c.result().id(), c));
        var toRelease = new ArrayList<LabResult>();
        var releasing = new HashSet<Long>();
        var signed = new LinkedHashSet<Long>();
        for (long id : resultIds) {
            VerificationRepository.Candidate candidate = selected.get(id);
            if (candidate == null) {
                throw new NotFoundException("Result", id);
            }
            LabResult r = candidate.result();
            boolean releasedHere = releasing.contains(id);
            if (r.status() != ResultStatus.PRELIMINARY || releasedHere) {
                throw new ConflictException(r.testName() + " on " + r.accession() + " is "
                        + (releasedHere ? ResultStatus.FINAL : r.status()).fhir() + " and cannot be verified");
            }
            boolean selfAllowed = catalog.section(r.section()).map(Section::selfVerificationAllowed).orElse(false);
            if (!selfAllowed && user.equals(r.resultedBy())) {
                throw new ConflictException("You entered " + r.testName() + " on " + r.accession() + "; section "
                        + r.section() + " requires another person to verify it");
            }
            if (candidate.secondVerification()) {
                String first = signed.contains(id) ? user : candidate.firstVerifiedBy();
                if (first == null) {
                    // Audit entries go with the transaction's batch, written in this order just before commit: the
                    // audit chain is locked only for the moment its rows are appended.
                    audit.recordBatched(user, AuditEvent.of("VERIFY_FIRST", "result", id,
                            ResultStatus.PRELIMINARY.fhir(), ResultStatus.PRELIMINARY.fhir() + " " + describe(r)
                                    + "; first verification by " + user + ", waiting for a second verifier",
                            "section " + r.section() + " requires a second verification"));
                    signed.add(id);
                    continue;
                }
                if (first.equals(user)) {
                    throw new ConflictException("You gave the first verification of " + r.testName() + " on "
                            + r.accession() + "; section " + r.section() + " requires a second, different verifier");
                }
            }
            audit.recordBatched(user, AuditEvent.of("VERIFY", "result", id, ResultStatus.PRELIMINARY.fhir(),
                    ResultStatus.FINAL.fhir() + " " + describe(r), null));
            toRelease.add(r);
            releasing.add(id);
        }
        verification.setFirstVerifications(signed, now, user);
        Map<Long, LabResult> releasedById = new HashMap<>();
        repository.release(toRelease.stream().map(LabResult::id).toList(), now, user)
                .forEach(row -> releasedById.put(row.result().id(), row.result()));
        var released = new ArrayList<LabResult>();
        for (LabResult r : toRelease) {
            events.publishEvent(new ResultVerified(r.id(), r.orderId(), r.patientId(), r.testCode(), user));
            released.add(releasedById.get(r.id()));
        }
        // Only a tube with a calculated result waiting can have one held until these inputs were released.
        intelligence.afterRelease(released.stream().filter(r -> selected.get(r.id()).calculationWaiting()).toList());
        var all = new ArrayList<LabResult>(released);
        Map<Long, LabResult> signedById = new HashMap<>();
        repository.findAll(signed).forEach(row -> signedById.put(row.result().id(), row.result()));
        signed.forEach(id -> all.add(signedById.get(id)));
        return all;
    }

    /**
     * Verifies, in one action, every result of a section waiting for verification that an analyzer sent (its run),
     * oldest first, at most 500; each release is audited as a single verification would be.
     */
    @PreAuthorize("hasRole('VERIFIER')")
    @Transactional
    List<LabResult> verifyRun(String section, String analyzer) {
        if (section == null || section.isBlank() || analyzer == null || analyzer.isBlank()) {
            throw new InvalidInputException("analyzer", "Choose the section and the analyzer whose run to verify");
        }
        List<Long> ids = verification.preliminaryFromAnalyzer(section.strip(), analyzer.strip(), 500);
        if (ids.isEmpty()) {
            throw new InvalidInputException("analyzer", "No results from " + analyzer.strip()
                    + " are waiting for verification in " + section.strip());
        }
        return verify(ids);
    }

    /**
     * Sends a value waiting for verification back to the bench: rerun, or dilute and rerun. The value is kept as a
     * revision with the request, the result is pending again with the request shown, and the value filed next
     * replaces it. A released result is corrected instead; a calculated one follows its inputs.
     */
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    LabResult requestRerun(long resultId, String kind, String note) {
        String what = switch (kind == null ? "" : kind.strip().toUpperCase(java.util.Locale.ROOT)) {
            case "RERUN" -> "rerun";
            case "DILUTION" -> "dilute and rerun";
            default -> throw new InvalidInputException("kind", "Request a RERUN or a DILUTION, not '" + kind + "'");
        };
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (cleanNote != null && cleanNote.length() > 300) {
            throw new InvalidInputException("note", "A rerun note may have at most 300 characters");
        }
        ResultRepository.Row row = lockedRow(resultId);
        LabResult old = row.result();
        if (old.status() != ResultStatus.PRELIMINARY) {
            throw new ConflictException(old.testName() + " on " + old.accession() + " is " + old.status().fhir()
                    + (old.status().released() ? "; a released result is corrected, not rerun"
                    : "; only a value waiting for verification can be sent back"));
        }
        intelligence.refuseManualEntry(old);
        String user = currentUser();
        Instant now = clock.instant();
        String request = what + (cleanNote == null ? "" : ": " + cleanNote);
        repository.addRevision(old, user, now, "returned to the bench: " + request);
        verification.returnToBench(resultId, request, now, user);
        audit.record(AuditEvent.of("RERUN", "result", resultId, describe(old),
                old.testName() + " (no value) " + ResultStatus.PENDING.fhir() + "; " + request, request));
        return find(resultId).orElseThrow();
    }

    @Override
    @PreAuthorize("hasRole('VERIFIER')")
    @Transactional
    public LabResult correct(long resultId, String valueText, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "A correction needs a reason");
        }
        ResultRepository.Row row = lockedRow(resultId);
        LabResult old = row.result();
        if (!old.status().released()) {
            throw new ConflictException(old.testName() + " on " + old.accession() + " is not released yet; "
                    + "edit it on the worklist instead of correcting it");
        }
        intelligence.refuseManualEntry(old);
        String user = currentUser();
        Instant now = clock.instant();
        // A correction keeps the method of the value it corrects (an analyzer's own interval, if it has one).
        LabResult corrected = evaluate(row, valueText, old.comment(), ResultStatus.CORRECTED, now, user, null,
                QcVerdicts.analyzerOf(old.resultedBy()));
        if (corrected.valueText().equals(old.valueText())) {
            throw new InvalidInputException("value", "The corrected value is the same as the released one");
        }
        repository.addRevision(old, user, now, reason.strip());
        repository.saveValue(new ResultRepository.Row(corrected, row.priority(), row.resultType(), row.decimals()),
                user, now);
        audit.record(AuditEvent.changed("result", old.id(), describe(old), describe(corrected), reason.strip()));
        events.publishEvent(new ResultAmended(old.id(), old.orderId(), old.patientId(), old.testCode(),
                old.valueText(), corrected.valueText(), reason.strip(), user));
        if (corrected.interpretation() != null && corrected.interpretation().critical()) {
            events.publishEvent(new CriticalResultDetected(old.id(), old.orderId(), old.patientId(), old.testCode(),
                    corrected.valueText(), corrected.interpretation()));
        }
        events.publishEvent(new ResultsFiled(null, now,
                List.of(new ResultsFiled.Filed(old.id(), old.specimenId(), old.testCode()))));
        intelligence.afterValue(resultId, null);
        return find(resultId).orElseThrow();
    }

    /** What one analyzer message sent for one tube, found as specimen {@code specimenId}. */
    record SentToTube(long specimenId, SpecimenResultsReceived sent) {
    }

    /**
     * Files the values analyzer messages sent for tubes, as the analyzer (no signed-in user), each parsed and
     * flagged exactly as a manual entry and left preliminary for verification. The tubes' results are read (and
     * locked) in one query and their patients in one; the values are saved in one batch and judged together by
     * result intelligence. Tubes are taken in the order given, so a value sent twice (a re-run in a later message,
     * or a test twice in one message) is handled in order: the first is saved and judged before the second
     * replaces it. A value is refused (nothing changed for it) when its test is not ordered on the tube, the result
     * is cancelled or already released, or it does not fit the test. Returns each tube's outcomes, in the order
     * given; one {@link ResultsFiled} per analyzer tells what was filed.
     */
    @Transactional
    List<List<InstrumentFilings.Outcome>> fileFromInstrument(List<SentToTube> tubes) {
        if (tubes.isEmpty()) {
            return List.of();
        }
        Map<Long, Map<String, ResultRepository.Row>> rows = new HashMap<>();
        for (ResultRepository.Row row : repository.forSpecimensForUpdate(tubes.stream().map(SentToTube::specimenId)
                .distinct().toList())) {
            rows.computeIfAbsent(row.result().specimenId(), id -> new HashMap<>()).put(row.result().testCode(), row);
        }
        Map<Long, Patient> patientById = new HashMap<>();
        patients.findAll(rows.values().stream().flatMap(m -> m.values().stream())
                .map(r -> r.result().patientId()).distinct().toList()).forEach(p -> patientById.put(p.id(), p));
        var all = new ArrayList<List<InstrumentFilings.Outcome>>();
        var revisions = new ArrayList<ResultRepository.Revision>();
        var filed = new LinkedHashMap<String, List<ResultsFiled.Filed>>();
        var toSave = new LinkedHashMap<String, List<ResultRepository.Row>>();
        var errorFlags = new HashMap<Long, String>();
        // As stored (microseconds), so the values judged before they are written carry the time they will have.
        Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        for (SentToTube tube : tubes) {
            SpecimenResultsReceived sent = tube.sent();
            var outcomes = new ArrayList<InstrumentFilings.Outcome>();
            all.add(outcomes);
            for (SpecimenResultsReceived.Measured m : sent.results()) {
                ResultRepository.Row row = rows.getOrDefault(tube.specimenId(), Map.of()).get(m.testCode());
                if (row == null) {
                    outcomes.add(InstrumentFilings.Outcome.refused(m.seq(),
                            "test " + m.testCode() + " is not ordered on " + sent.accession()));
                    continue;
                }
                if (errorFlags.containsKey(row.result().id())) {
                    // The same result again before the values so far are written: they are written and judged
                    // first (and the tubes' rows read again), so this value sees what the earlier one left.
                    for (ResultRepository.Row written : repository.findAll(saveAndJudge(toSave, revisions,
                            errorFlags, now))) {
                        rows.get(written.result().specimenId()).put(written.result().testCode(), written);
                    }
                    row = rows.get(tube.specimenId()).get(m.testCode());
                }
                LabResult old = row.result();
                if (!old.status().open()) {
                    outcomes.add(InstrumentFilings.Outcome.refused(m.seq(), old.testName() + " on "
                            + old.accession() + " is " + old.status().fhir()
                            + (old.status().released() ? "; a released result is only corrected by a verifier" : "")));
                    continue;
                }
                try {
                    intelligence.refuseManualEntry(old);
                } catch (ConflictException e) {
                    outcomes.add(InstrumentFilings.Outcome.refused(m.seq(), e.getMessage()));
                    continue;
                }
                LabResult updated;
                try {
                    updated = evaluate(row, m.valueText(), old.comment(), ResultStatus.PRELIMINARY, null, null,
                            patientById.get(old.patientId()), sent.analyzer());
                } catch (InvalidInputException e) {
                    outcomes.add(InstrumentFilings.Outcome.refused(m.seq(), e.getMessage()));
                    continue;
                }
                outcomes.add(InstrumentFilings.Outcome.filed(m.seq(), old.id()));
                if (sent.actor().equals(old.resultedBy()) && updated.valueText().equals(old.valueText())) {
                    continue;
                }
                if (old.valueText() != null) {
                    revisions.add(new ResultRepository.Revision(old, sent.actor(), now,
                            "re-run sent by " + sent.analyzer()));
                }
                toSave.computeIfAbsent(sent.actor(), a -> new ArrayList<>())
                        .add(new ResultRepository.Row(updated, row.priority(), row.resultType(), row.decimals()));
                errorFlags.put(old.id(), ResultIntelligence.errorFlags(m.instrumentFlags()));
                audit.recordBatched(sent.actor(), AuditEvent.changed("result", old.id(), describe(old),
                        describe(updated), "sent by analyzer " + sent.analyzer() + " (message "
                                + sent.rawMessageId() + ")"));
                if (updated.interpretation() != null && updated.interpretation().critical()) {
                    events.publishEvent(new CriticalResultDetected(old.id(), old.orderId(), old.patientId(),
                            old.testCode(), updated.valueText(), updated.interpretation()));
                }
                filed.computeIfAbsent(sent.analyzer(), a -> new ArrayList<>())
                        .add(new ResultsFiled.Filed(old.id(), old.specimenId(), old.testCode()));
            }
        }
        saveAndJudge(toSave, revisions, errorFlags, now);
        filed.forEach((analyzer, results) -> events.publishEvent(new ResultsFiled(analyzer, now, results)));
        return all;
    }

    /**
     * Judges the collected values, then writes each result once, with its value and what judging decided, the
     * values they replace kept as revisions (in batches, by the analyzer that sent them). Returns the results
     * written.
     */
    private List<Long> saveAndJudge(Map<String, List<ResultRepository.Row>> toSave,
                                    List<ResultRepository.Revision> revisions, Map<Long, String> errorFlags,
                                    Instant now) {
        repository.addRevisions(revisions);
        var values = new ArrayList<ResultIntelligence.StoredValue>();
        toSave.forEach((actor, rows) -> rows.forEach(r -> values.add(new ResultIntelligence.StoredValue(
                asStored(r, actor, now), errorFlags.get(r.result().id())))));
        ResultIntelligence.Judged judged = intelligence.judgeUnwritten(values);
        toSave.forEach((actor, rows) -> repository.saveValues(rows, actor, now, judged));
        intelligence.afterWritten(judged, values);
        revisions.clear();
        toSave.clear();
        errorFlags.clear();
        return values.stream().map(v -> v.row().result().id()).toList();
    }

    /** The row as {@link ResultRepository#saveValues} stores it: resulted now by the actor, one version on. */
    private static ResultRepository.Row asStored(ResultRepository.Row row, String actor, Instant at) {
        LabResult r = row.result();
        return new ResultRepository.Row(new LabResult(r.id(), r.specimenId(), r.accession(), r.orderId(),
                r.orderItemId(), r.patientId(), r.testCode(), r.loinc(), r.testName(), r.section(), r.valueText(),
                r.comparator(), r.numericValue(), r.unit(), r.interpretation(), r.referenceIntervalId(),
                r.referenceLow(), r.referenceHigh(), r.referenceText(), r.status(), r.collectedAt(), r.receivedAt(),
                at, actor, r.verifiedAt(), r.verifiedBy(), r.comment(), r.version() + 1), row.priority(),
                row.resultType(), row.decimals());
    }

    @Override
    @Transactional(readOnly = true)
    public List<LabResult> previous(LabResult result, int limit) {
        return repository.previousReleased(result.patientId(), result.testCode(), result.id(), limit).stream()
                .map(ResultRepository.Row::result).toList();
    }

    /** A value entered at the bench (no analyzer: the reference intervals of every method apply). */
    private LabResult evaluate(ResultRepository.Row row, String valueText, String comment, ResultStatus status,
                               Instant verifiedAt, String verifiedBy) {
        return evaluate(row, valueText, comment, status, verifiedAt, verifiedBy, null, null);
    }

    /**
     * {@code patient}: the result's patient when the caller has it already, else null (looked up if needed);
     * {@code analyzer}: the analyzer that measured the value, whose own reference interval applies if it has one.
     */
    private LabResult evaluate(ResultRepository.Row row, String valueText, String comment, ResultStatus status,
                               Instant verifiedAt, String verifiedBy, Patient patient, String analyzer) {
        LabResult r = row.result();
        TestDefinition test = catalog.test(r.testCode())
                .orElseThrow(() -> new IllegalStateException("Test " + r.testCode() + " left the catalog"));
        String cleanComment = comment == null || comment.isBlank() ? null : comment.strip();
        if (cleanComment != null && cleanComment.length() > 2000) {
            throw new InvalidInputException("comment", "A result comment may have at most 2000 characters");
        }
        return switch (test.resultType()) {
            case NUMERIC -> {
                MeasuredValue value = MeasuredValue.parse(valueText, test.name());
                intelligence.refuseImpossible(r, value);
                Optional<ReferenceInterval> interval = intervalFor(r, patient != null ? patient : patient(r),
                        analyzer);
                Interpretation flag = interval.map(value::flag).orElse(null);
                yield new LabResult(r.id(), r.specimenId(), r.accession(), r.orderId(), r.orderItemId(),
                        r.patientId(), r.testCode(), r.loinc(), r.testName(), r.section(), value.display(),
                        value.comparator(), value.number(), test.unit(), flag,
                        interval.map(ReferenceInterval::id).orElse(null),
                        interval.map(ReferenceInterval::low).orElse(null),
                        interval.map(ReferenceInterval::high).orElse(null),
                        interval.map(ReferenceInterval::text).orElse(null), status, r.collectedAt(), r.receivedAt(),
                        r.resultedAt(), r.resultedBy(), verifiedAt, verifiedBy, cleanComment, r.version());
            }
            case CODED -> {
                String answer = CodedAnswer.canonical(valueText, test);
                yield new LabResult(r.id(), r.specimenId(), r.accession(), r.orderId(), r.orderItemId(),
                        r.patientId(), r.testCode(), r.loinc(), r.testName(), r.section(), answer, null, null,
                        test.unit(), CodedAnswer.flag(answer, test.abnormalAnswers()), null, null, null, null, status,
                        r.collectedAt(), r.receivedAt(), r.resultedAt(), r.resultedBy(), verifiedAt, verifiedBy,
                        cleanComment, r.version());
            }
            case TEXT -> {
                if (valueText == null || valueText.isBlank()) {
                    throw new InvalidInputException("value", "Enter a value for " + test.name());
                }
                if (valueText.length() > 4000) {
                    throw new InvalidInputException("value", "A text result may have at most 4000 characters");
                }
                yield new LabResult(r.id(), r.specimenId(), r.accession(), r.orderId(), r.orderItemId(),
                        r.patientId(), r.testCode(), r.loinc(), r.testName(), r.section(), valueText.strip(), null,
                        null, null, null, null, null, null, null, status, r.collectedAt(), r.receivedAt(),
                        r.resultedAt(), r.resultedBy(), verifiedAt, verifiedBy, cleanComment, r.version());
            }
        };
    }

    /**
     * The interval for the patient's sex and age in days on the collection date (receipt if not recorded), and
     * for the method of the analyzer that measured the value where it has its own.
     */
    private Optional<ReferenceInterval> intervalFor(LabResult r, Patient patient, String analyzer) {
        Instant when = r.collectedAt() != null ? r.collectedAt() : r.receivedAt();
        LocalDate on = LocalDate.ofInstant(when, clock.getZone());
        return catalog.interval(r.testCode(), patient.sex(), patient.ageInDays(on), clock.instant(), analyzer);
    }

    private Patient patient(LabResult r) {
        return patients.find(r.patientId())
                .orElseThrow(() -> new IllegalStateException("Patient " + r.patientId() + " not found"));
    }

    private ResultRepository.Row lockedRow(long id) {
        return repository.findForUpdate(id).orElseThrow(() -> new NotFoundException("Result", id));
    }

    static String describe(LabResult r) {
        if (r.valueText() == null) {
            return r.testName() + " (no value) " + r.status().fhir();
        }
        String unit = r.unit() == null ? "" : " " + r.unit();
        String flag = r.interpretation() == null ? "" : " [" + r.interpretation() + "]";
        return r.testName() + " " + r.valueText() + unit + flag + " " + r.status().fhir();
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("No signed-in user");
        }
        return auth.getName();
    }

    private static Long parseId(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("cursor", "Malformed page cursor");
        }
    }
}
