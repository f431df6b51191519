package org.lavender.qc.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumException;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Instruments;
import org.lavender.instruments.QcResultReceived;
import org.lavender.qc.ControlLot;
import org.lavender.qc.NewControlLot;
import org.lavender.qc.NewQcTarget;
import org.lavender.qc.QcEntry;
import org.lavender.qc.QcLockout;
import org.lavender.qc.QcRunAccepted;
import org.lavender.qc.QcRunRejected;
import org.lavender.qc.QcTarget;
import org.lavender.qc.QcValue;
import org.lavender.qc.QualityControl;
import org.lavender.results.LabResult;
import org.lavender.results.Results;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Ucum;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Control lots, targets and rule sets; control values recorded and judged at once by the test's Westgard rules;
 * runs; the lockout of a test on an analyzer after a rejected run and its end (accepted run after the rejection
 * plus corrective action). Every change is audited in the same transaction.
 *
 * <p>A run is the control values of one test on one analyzer measured together: a value joins the series' latest
 * run when it was measured within {@code lavender.qc.run-window} (default 1 h) of the run's first value and its
 * lot is not yet in the run; otherwise it starts a new run. Values entered together by hand at one time are one run.
 */
@Service
class QcService implements QualityControl {

    private static final int ESTABLISH_COUNT = 20;
    private static final int HISTORY = 60;
    private static final String SUPERVISOR = "hasAnyRole('ADMIN','VERIFIER')";
    private static final String BENCH = "hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')";
    private static final Set<String> SOURCES = Set.of("MANUFACTURER", "PROVISIONAL", "LAB");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final QcRepository repository;
    private final Catalog catalog;
    private final Instruments instruments;
    private final Results results;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration runWindow;

    QcService(QcRepository repository, Catalog catalog, Instruments instruments, Results results, AuditLog audit,
              ApplicationEventPublisher events, Clock clock,
              @Value("${lavender.qc.run-window:PT1H}") Duration runWindow) {
        this.repository = repository;
        this.catalog = catalog;
        this.instruments = instruments;
        this.results = results;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        this.runWindow = runWindow;
    }

    // --- lots, targets, rules ---

    @Override
    @Transactional(readOnly = true)
    public List<ControlLot> lots() {
        return repository.lots();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ControlLot> lot(String lotNumber) {
        return lotNumber == null ? Optional.empty() : repository.lot(lotNumber.strip());
    }

    @Transactional(readOnly = true)
    Optional<ControlLot> lot(long id) {
        return repository.lot(id);
    }

    @Override
    @Transactional
    @PreAuthorize(SUPERVISOR)
    public ControlLot createLot(NewControlLot lot) {
        NewControlLot clean = checkLot(lot);
        if (repository.lot(clean.lotNumber()).isPresent()) {
            throw new InvalidInputException("lotNumber", "Control lot " + clean.lotNumber() + " already exists");
        }
        if (clean.expiresOn().isBefore(today())) {
            throw new InvalidInputException("expiresOn", "Lot " + clean.lotNumber() + " expired on "
                    + clean.expiresOn() + "; an expired lot cannot be put in use");
        }
        long id = repository.insertLot(clean, clock.instant(), currentUser());
        ControlLot created = repository.lot(id).orElseThrow();
        audit.record(AuditEvent.created("qc-lot", id, created.describe()));
        return created;
    }

    @Override
    @Transactional
    @PreAuthorize(SUPERVISOR)
    public ControlLot updateLot(long id, int version, NewControlLot lot) {
        ControlLot old = repository.lot(id).orElseThrow(() -> new NotFoundException("Control lot", id));
        NewControlLot clean = checkLot(lot);
        Optional<ControlLot> sameNumber = repository.lot(clean.lotNumber());
        if (sameNumber.isPresent() && sameNumber.get().id() != id) {
            throw new InvalidInputException("lotNumber", "Control lot " + clean.lotNumber() + " already exists");
        }
        if (!repository.updateLot(id, version, clean)) {
            throw new ConflictException("Control lot " + old.lotNumber() + " was changed by someone else; reload it");
        }
        ControlLot updated = repository.lot(id).orElseThrow();
        audit.record(AuditEvent.changed("qc-lot", id, old.describe(), updated.describe(), null));
        return updated;
    }

    private NewControlLot checkLot(NewControlLot lot) {
        if (lot == null) {
            throw new InvalidInputException("lotNumber", "Enter the control lot");
        }
        String number = required(lot.lotNumber(), "lotNumber", "the lot number");
        if (!number.matches("[A-Za-z0-9][A-Za-z0-9._/-]{0,39}")) {
            throw new InvalidInputException("lotNumber", "A lot number is 1-40 letters, digits, '.', '_', '/' or '-'"
                    + " (as the analyzer sends it), not '" + number + "'");
        }
        String material = required(lot.material(), "material", "the control material");
        String level = required(lot.level(), "level", "the level");
        if (lot.expiresOn() == null) {
            throw new InvalidInputException("expiresOn", "Enter the lot's expiry date");
        }
        if (lot.openVialDays() != null && (lot.openVialDays() < 1 || lot.openVialDays() > 366)) {
            throw new InvalidInputException("openVialDays", "Open-vial stability is 1 to 366 days");
        }
        if (lot.vialOpenedOn() != null && lot.vialOpenedOn().isAfter(today())) {
            throw new InvalidInputException("vialOpenedOn", "A vial cannot be opened in the future");
        }
        String manufacturer = lot.manufacturer() == null || lot.manufacturer().isBlank() ? null
                : lot.manufacturer().strip();
        return new NewControlLot(number, material, manufacturer, level, lot.expiresOn(), lot.openVialDays(),
                lot.vialOpenedOn());
    }

    @Override
    @Transactional(readOnly = true)
    public List<QcTarget> targets(long lotId) {
        return repository.targets(lotId);
    }

    @Override
    @Transactional
    @PreAuthorize(SUPERVISOR)
    public QcTarget setTarget(NewQcTarget t) {
        if (t == null) {
            throw new InvalidInputException("lotNumber", "Enter the target");
        }
        ControlLot lot = lot(t.lotNumber()).orElseThrow(() -> new InvalidInputException("lotNumber",
                "Unknown control lot '" + t.lotNumber() + "'"));
        TestDefinition test = numericTest(t.testCode());
        String analyzer = knownAnalyzer(t.analyzer());
        String unit = t.unit() == null || t.unit().isBlank() ? test.unit() : t.unit().strip();
        if (test.unit() != null && !sameUnit(unit, test.unit())) {
            throw new InvalidInputException("unit", test.name() + " is reported in " + test.unit() + ", not '"
                    + unit + "'");
        }
        if (t.mean() == null) {
            throw new InvalidInputException("mean", "Enter the target mean");
        }
        if (t.mean().signum() == 0) {
            throw new InvalidInputException("mean", "The target mean may not be zero");
        }
        if (t.sd() == null) {
            throw new InvalidInputException("sd", "Enter the target SD");
        }
        if (t.sd().signum() <= 0) {
            throw new InvalidInputException("sd", "The target SD must be greater than zero");
        }
        String source = t.source() == null || t.source().isBlank() ? "MANUFACTURER"
                : t.source().strip().toUpperCase(Locale.ROOT);
        if (!SOURCES.contains(source)) {
            throw new InvalidInputException("source", "Target source is MANUFACTURER, PROVISIONAL or LAB, not '"
                    + t.source() + "'");
        }
        Optional<QcTarget> old = repository.target(lot.id(), test.code(), analyzer);
        long id = repository.upsertTarget(lot.id(), test.code(), analyzer, unit, t.mean(), t.sd(), source,
                clock.instant(), currentUser());
        QcTarget saved = repository.target(lot.id(), test.code(), analyzer).orElseThrow();
        audit.record(AuditEvent.changed("qc-target", id, old.map(QcService::describe).orElse(null), describe(saved),
                old.isPresent() ? "target changed" : "target set"));
        return saved;
    }

    @Override
    @Transactional
    @PreAuthorize(SUPERVISOR)
    public String setRules(String testCode, String rules, BigDecimal sigma) {
        TestDefinition test = numericTest(testCode);
        RuleSet set;
        if (rules == null || rules.isBlank()) {
            if (sigma == null) {
                throw new InvalidInputException("rules", "Choose the Westgard rules, or give the sigma metric to"
                        + " have them suggested");
            }
            set = RuleSet.forSigma(sigma.doubleValue());
        } else {
            set = RuleSet.parse(rules);
        }
        if (sigma != null && sigma.signum() < 0) {
            throw new InvalidInputException("sigma", "A sigma metric is not negative");
        }
        String old = repository.rules(test.code()).orElse(null);
        repository.saveRules(test.code(), set.text(), sigma, clock.instant(), currentUser());
        audit.record(AuditEvent.changed("qc-rules", test.code(), old, set.text(),
                sigma == null ? null : "sigma " + sigma.toPlainString()));
        return set.text();
    }

    @Override
    @Transactional(readOnly = true)
    public String rules(String testCode) {
        return ruleSet(testCode).text();
    }

    private RuleSet ruleSet(String testCode) {
        return repository.rules(testCode).map(RuleSet::parse).orElse(RuleSet.DEFAULT);
    }

    // --- recording ---

    @Override
    @Transactional
    @PreAuthorize(BENCH)
    public List<QcValue> record(List<QcEntry> entries) {
        if (entries == null || entries.isEmpty()) {
            throw new InvalidInputException("entries", "Enter at least one control value");
        }
        Instant now = clock.instant();
        var checked = new ArrayList<Checked>();
        for (int i = 0; i < entries.size(); i++) {
            QcEntry e = entries.get(i);
            if (e == null) {
                throw new InvalidInputException("entries[" + i + "]", "Value " + (i + 1) + " is empty");
            }
            String analyzer = knownAnalyzer(e.analyzer());
            Check check = check(e, analyzer, now);
            if (check instanceof Refused r) {
                throw new InvalidInputException("entries[" + i + "]." + r.field(),
                        (entries.size() > 1 ? "Value " + (i + 1) + " (" + e.lotNumber() + "): " : "")
                                + capitalise(r.reason()) + "; nothing was recorded");
            }
            checked.add((Checked) check);
        }
        return store(checked, "MANUAL", null, currentUser(), now);
    }

    /**
     * Files a control value an analyzer sent. What cannot be filed (unmapped code, unknown or expired lot, no
     * target, wrong unit, not a number) is kept as an unfiled QC message with the reason, never dropped.
     */
    @Transactional
    void fileFromAnalyzer(QcResultReceived qc) {
        if (repository.sourceHandled(qc.qcResultId())) {
            return;
        }
        Instant now = clock.instant();
        Instant observed = qc.observedAt() != null ? qc.observedAt() : now;
        String comment = qc.instrumentFlags().isEmpty() ? null : "analyzer flags: " + String.join(" ", qc.instrumentFlags());
        Check check = qc.testCode() == null
                ? new Refused("testCode", "instrument code '" + qc.instrumentCode() + "'"
                + (qc.unit() == null || qc.unit().isBlank() ? "" : " in '" + qc.unit() + "'")
                + " was not mapped to a catalog test by " + qc.analyzer() + " (not in its code map, or a unit the"
                + " test is not reported in)")
                : check(new QcEntry(qc.controlId(), qc.testCode(), qc.analyzer(), qc.valueText(), qc.unit(), observed,
                comment), qc.analyzer(), now);
        if (check instanceof Refused r) {
            long id = repository.insertUnfiled(new QcRepository.Unfiled(0, qc.qcResultId(), qc.rawMessageId(),
                    qc.analyzer(), qc.controlId(), qc.testCode(), qc.instrumentCode(), qc.valueText(), qc.unit(),
                    observed, now, r.reason(), null));
            audit.record("analyzer:" + qc.analyzer(), AuditEvent.of("UNFILED", "qc-unfiled", id, null,
                    qc.controlId() + " " + qc.instrumentCode() + " = " + qc.valueText() + " " + qc.unit(), r.reason()));
            return;
        }
        store(List.of((Checked) check), "ANALYZER", qc.qcResultId(), "analyzer:" + qc.analyzer(), now);
    }

    /** Files an unfiled analyzer QC message again after its cause was fixed (lot or target added, code mapped). */
    @Transactional
    @PreAuthorize(BENCH)
    QcValue refile(long unfiledId) {
        QcRepository.Unfiled u = repository.unfiledForUpdate(unfiledId)
                .orElseThrow(() -> new NotFoundException("Unfiled QC message", unfiledId));
        if (u.filedValueId() != null) {
            throw new ConflictException("This QC message was already filed");
        }
        if (u.testCode() == null) {
            throw new InvalidInputException("testCode", "Instrument code '" + u.instrumentCode() + "' is still not"
                    + " mapped to a catalog test; map it on the analyzer page first");
        }
        Instant now = clock.instant();
        Check check = check(new QcEntry(u.controlId(), u.testCode(), u.analyzer(), u.valueText(), u.unit(),
                u.observedAt(), null), u.analyzer(), now);
        if (check instanceof Refused r) {
            throw new InvalidInputException(r.field(), "Still cannot be filed: " + r.reason());
        }
        QcValue value = store(List.of((Checked) check), "ANALYZER", null, currentUser(), now).get(0);
        repository.markFiled(unfiledId, value.id());
        audit.record(AuditEvent.changed("qc-unfiled", unfiledId, u.reason(), "filed as QC value " + value.id(),
                "filed again after the cause was fixed"));
        return value;
    }

    /** A value checked and resolved to its lot and target, ready to store. */
    private record Checked(ControlLot lot, QcTarget target, String testCode, String analyzer, BigDecimal value,
                           Instant observedAt, String comment) implements Check {
    }

    private record Refused(String field, String reason) implements Check {
    }

    private sealed interface Check permits Checked, Refused {
    }

    private Check check(QcEntry e, String analyzer, Instant now) {
        String lotNumber = e.lotNumber() == null ? "" : e.lotNumber().strip();
        if (lotNumber.isEmpty()) {
            return new Refused("lotNumber", "no control lot given");
        }
        Optional<ControlLot> lot = repository.lot(lotNumber);
        if (lot.isEmpty()) {
            return new Refused("lotNumber", "unknown control lot '" + lotNumber + "'");
        }
        Optional<TestDefinition> test = e.testCode() == null ? Optional.empty() : catalog.test(e.testCode().strip());
        if (test.isEmpty()) {
            return new Refused("testCode", "unknown test '" + e.testCode() + "'");
        }
        Instant observed = e.observedAt() != null ? e.observedAt() : now;
        if (observed.isAfter(now.plus(Duration.ofMinutes(5)))) {
            return new Refused("observedAt", "measured in the future (" + format(observed) + ")");
        }
        String refusal = lot.get().refusalOn(observed.atZone(clock.getZone()).toLocalDate());
        if (refusal != null) {
            return new Refused("lotNumber", refusal);
        }
        Optional<QcTarget> target = repository.target(lot.get().id(), test.get().code(), analyzer);
        if (target.isEmpty()) {
            return new Refused("lotNumber", "control lot " + lotNumber + " has no target mean/SD for "
                    + test.get().code() + " on " + (analyzer == null ? "the manual method" : analyzer));
        }
        String text = e.valueText() == null ? "" : e.valueText().strip();
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException ex) {
            return new Refused("value", "QC value '" + text + "' is not a number");
        }
        String unit = e.unit() == null || e.unit().isBlank() ? target.get().unit() : e.unit().strip();
        if (!sameUnit(unit, target.get().unit())) {
            return new Refused("unit", "unit '" + unit + "' is not the target's unit " + target.get().unit()
                    + " for " + test.get().code() + " in lot " + lotNumber);
        }
        String comment = e.comment() == null || e.comment().isBlank() ? null : e.comment().strip();
        if (comment != null && comment.length() > 1000) {
            return new Refused("comment", "a comment may have at most 1000 characters");
        }
        return new Checked(lot.get(), target.get(), test.get().code(), analyzer, value, observed, comment);
    }

    /** One test on one analyzer while a batch is stored: its rules, recent values and current run. */
    private static final class Series {
        final RuleSet rules;
        final List<QcPoint> history;
        RunState run;

        Series(RuleSet rules, List<QcPoint> history) {
            this.rules = rules;
            this.history = history;
        }
    }

    private static final class RunState {
        final long id;
        final Instant startedAt;
        final Set<Long> lots;
        String status;
        String rules;

        RunState(long id, Instant startedAt, String status, Set<Long> lots, String rules) {
            this.id = id;
            this.startedAt = startedAt;
            this.status = status;
            this.lots = new HashSet<>(lots);
            this.rules = rules;
        }
    }

    private List<QcValue> store(List<Checked> entries, String source, Long sourceRef, String actor, Instant now) {
        List<Checked> ordered = entries.stream().sorted(Comparator.comparing(Checked::observedAt)).toList();
        var firstOfSeries = new TreeMap<String, Checked>();
        for (Checked c : ordered) {
            firstOfSeries.putIfAbsent(seriesKey(c), c);
        }
        // Locks taken in key order, so two batches touching the same series never wait on each other in a circle.
        var series = new HashMap<String, Series>();
        firstOfSeries.forEach((key, c) -> {
            repository.lockSeries(c.testCode(), c.analyzer());
            Instant memoryFrom = repository.lastRelease(c.testCode(), c.analyzer()).orElse(null);
            series.put(key, new Series(ruleSet(c.testCode()), new ArrayList<>(repository.history(c.testCode(),
                    c.analyzer(), memoryFrom, c.observedAt(), HISTORY))));
        });
        Map<Long, QcTarget> established = new HashMap<>();
        var ids = new ArrayList<Long>();
        for (Checked c : ordered) {
            Series s = series.get(seriesKey(c));
            QcTarget target = established.getOrDefault(c.target().id(), c.target());
            RunState run = placeInRun(s, c);
            double z = c.value().subtract(target.mean()).doubleValue() / target.sd().doubleValue();
            QcPoint point = new QcPoint(0, run.id, c.lot().id(), c.lot().lotNumber(), c.value().doubleValue(), z);
            RuleSet.Evaluation evaluation = s.rules.evaluate(s.history, point);
            String outcome = evaluation.outcome().name();
            long valueId = repository.insertValue(new QcRepository.NewValue(run.id, c.lot().id(), target.id(),
                    c.testCode(), c.analyzer(), c.value(), target.unit(), target.mean(), target.sd(), z, outcome,
                    evaluation.summary(), c.observedAt(), now, actor, source, sourceRef, c.comment()));
            for (RuleResult v : evaluation.violations()) {
                repository.insertViolation(valueId, run.id, v.rule(),
                        v.verdict() == RuleResult.Verdict.REJECT ? "REJECT" : "WARNING", v.detail(),
                        v.cause().stream().map(p -> p.id() == 0 ? valueId : p.id()).toList());
            }
            s.history.add(new QcPoint(valueId, run.id, point.lotId(), point.lot(), point.value(), z));
            if (s.history.size() > HISTORY * 2) {
                s.history.subList(0, HISTORY).clear();
            }
            audit.record(actor, AuditEvent.created("qc-value", valueId, c.lot().lotNumber() + " " + c.testCode()
                    + " on " + where(c.analyzer()) + " = " + c.value().toPlainString() + " " + target.unit()
                    + String.format(Locale.ROOT, " (%+.2f SD) %s; %s", z, outcome, evaluation.summary())));
            updateRun(run, c, evaluation, actor, now);
            establishIfDue(target, actor, now).ifPresent(t -> established.put(t.id(), t));
            ids.add(valueId);
        }
        return repository.values(ids);
    }

    private static String seriesKey(Checked c) {
        return c.testCode() + "|" + QcRepository.analyzerKey(c.analyzer());
    }

    private RunState placeInRun(Series s, Checked c) {
        if (s.run == null) {
            s.run = repository.latestRun(c.testCode(), c.analyzer(), c.observedAt())
                    .map(r -> new RunState(r.id(), r.startedAt(), r.status(), r.lotIds(), null)).orElse(null);
        }
        RunState run = s.run;
        boolean joins = run != null && !run.lots.contains(c.lot().id()) && !c.observedAt().isBefore(run.startedAt)
                && Duration.between(run.startedAt, c.observedAt()).compareTo(runWindow) <= 0;
        if (!joins) {
            long id = repository.insertRun(c.testCode(), c.analyzer(), c.observedAt());
            run = new RunState(id, c.observedAt(), "ACCEPTED", Set.of(), null);
            s.run = run;
        }
        run.lots.add(c.lot().id());
        return run;
    }

    /** The run takes its worst value's outcome; a run turning rejected locks the test out, an accepted one may end it. */
    private void updateRun(RunState run, Checked c, RuleSet.Evaluation evaluation, String actor, Instant now) {
        String before = run.status;
        String outcome = evaluation.outcome().name();
        if ("REJECTED".equals(outcome) || "WARNING".equals(outcome) && "ACCEPTED".equals(before)) {
            run.status = outcome;
        }
        if (!evaluation.rejectedBy().isEmpty()) {
            run.rules = run.rules == null ? evaluation.rejectedBy() : run.rules + ", " + evaluation.rejectedBy();
        }
        repository.updateRun(run.id, run.status, run.rules);
        if ("REJECTED".equals(run.status) && !"REJECTED".equals(before)) {
            String detail = "lot " + c.lot().lotNumber() + " rejected " + evaluation.rejectedBy() + " at "
                    + format(run.startedAt) + " (" + evaluation.violations().stream()
                    .filter(v -> v.verdict() == RuleResult.Verdict.REJECT).map(RuleResult::detail).findFirst()
                    .orElse("") + ")";
            if (repository.openLockout(c.testCode(), c.analyzer()).isEmpty()) {
                Instant since = repository.lastAcceptableRunBefore(c.testCode(), c.analyzer(), run.startedAt, run.id)
                        .orElse(null);
                long id = repository.insertLockout(c.testCode(), c.analyzer(), since, run.id, run.startedAt, detail);
                audit.record(actor, AuditEvent.of("LOCKOUT", "qc-lockout", id, "in control", "out of control",
                        c.testCode() + " on " + where(c.analyzer()) + ": " + detail + "; patient results since "
                                + (since == null ? "the first run" : format(since)) + " held"));
            }
            events.publishEvent(new QcRunRejected(run.id, c.testCode(), c.analyzer(), run.startedAt,
                    evaluation.rejectedBy(), detail));
        } else if (!"REJECTED".equals(run.status)) {
            boolean ended = repository.openLockout(c.testCode(), c.analyzer())
                    .filter(l -> !l.actions().isEmpty() && run.startedAt.isAfter(l.rejectedAt())
                            && run.lots.containsAll(repository.run(l.rejectedRunId()).orElseThrow().lotIds()))
                    .map(l -> {
                        end(l, run.id, run.startedAt, actor, now);
                        return true;
                    }).orElse(false);
            events.publishEvent(new QcRunAccepted(run.id, c.testCode(), c.analyzer(), run.startedAt,
                    "WARNING".equals(run.status), ended));
        }
    }

    private void end(QcLockout lockout, long runId, Instant runAt, String actor, Instant now) {
        repository.release(lockout.id(), runId, runAt, now);
        audit.record(actor, AuditEvent.of("RELEASE", "qc-lockout", lockout.id(), "out of control", "in control",
                lockout.testCode() + " on " + where(lockout.analyzer()) + ": accepted run at " + format(runAt)
                        + " after corrective action (" + lockout.actions().get(lockout.actions().size() - 1).action()
                        + "); patient results measured " + (lockout.since() == null ? "before" : format(lockout.since())
                        + " to") + " " + format(runAt) + " to be reviewed"));
    }

    /** A PROVISIONAL target becomes the lab's own (LAB) from its first 20 accepted values (CLSI C24). */
    private Optional<QcTarget> establishIfDue(QcTarget target, String actor, Instant now) {
        if (!"PROVISIONAL".equals(target.source())) {
            return Optional.empty();
        }
        List<BigDecimal> values = repository.firstAcceptedValues(target.id(), ESTABLISH_COUNT);
        if (values.size() < ESTABLISH_COUNT) {
            return Optional.empty();
        }
        Statistics stats = Statistics.of(values.stream().mapToDouble(BigDecimal::doubleValue).toArray());
        if (stats.sd() <= 0) {
            return Optional.empty();
        }
        int scale = values.stream().mapToInt(BigDecimal::scale).max().orElse(2) + 2;
        BigDecimal mean = BigDecimal.valueOf(stats.mean()).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal sd = BigDecimal.valueOf(stats.sd()).round(new MathContext(3)).setScale(scale, RoundingMode.HALF_UP);
        if (mean.signum() == 0 || sd.signum() <= 0) {
            return Optional.empty();
        }
        repository.upsertTarget(target.lotId(), target.testCode(), target.analyzer(), target.unit(), mean, sd, "LAB",
                now, actor);
        QcTarget lab = repository.target(target.lotId(), target.testCode(), target.analyzer()).orElseThrow();
        audit.record(actor, AuditEvent.changed("qc-target", target.id(), describe(target), describe(lab),
                "established from the lab's first " + ESTABLISH_COUNT + " accepted values"));
        return Optional.of(lab);
    }

    // --- lockouts ---

    @Override
    @Transactional(readOnly = true)
    public List<QcLockout> openLockouts() {
        return repository.openLockouts();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<QcLockout> lockout(long id) {
        return repository.lockout(id);
    }

    @Override
    @Transactional
    @PreAuthorize(BENCH)
    public QcLockout recordCorrectiveAction(long lockoutId, String action, String performedBy) {
        QcLockout lockout = repository.lockoutForUpdate(lockoutId)
                .orElseThrow(() -> new NotFoundException("QC lockout", lockoutId));
        if (!lockout.open()) {
            throw new ConflictException("This lockout already ended at " + format(lockout.releasedAt()));
        }
        String what = action == null ? "" : action.strip();
        if (what.length() < 5) {
            throw new InvalidInputException("action", "Describe what was done (at least 5 characters), e.g."
                    + " \"recalibrated K, new reagent pack\"");
        }
        if (what.length() > 2000) {
            throw new InvalidInputException("action", "At most 2000 characters");
        }
        String user = currentUser();
        String who = performedBy == null || performedBy.isBlank() ? user : performedBy.strip();
        if (who.length() > 200) {
            throw new InvalidInputException("performedBy", "At most 200 characters");
        }
        repository.lockSeries(lockout.testCode(), lockout.analyzer());
        Instant now = clock.instant();
        long id = repository.insertCorrectiveAction(lockoutId, what, who, now, user);
        audit.record(AuditEvent.created("qc-corrective-action", id, "lockout " + lockoutId + " ("
                + lockout.testCode() + " on " + where(lockout.analyzer()) + "): " + what + " — by " + who));
        QcLockout withAction = repository.lockout(lockoutId).orElseThrow();
        Set<Long> rejectedLots = repository.run(lockout.rejectedRunId()).orElseThrow().lotIds();
        repository.acceptableRunAfter(lockout.testCode(), lockout.analyzer(), lockout.rejectedAt(), rejectedLots)
                .ifPresent(run -> {
                    end(withAction, run.id(), run.startedAt(), user, now);
                    events.publishEvent(new QcRunAccepted(run.id(), lockout.testCode(), lockout.analyzer(),
                            run.startedAt(), "WARNING".equals(run.status()), true));
                });
        return repository.lockout(lockoutId).orElseThrow();
    }

    // --- reading for the pages ---

    /** Control values newest first; {@code cursor} is the last row's "epochMicros_id". */
    @Transactional(readOnly = true)
    List<QcValue> recentValues(String testCode, String analyzer, String outcome, String cursor, int size) {
        Instant beforeAt = null;
        Long beforeId = null;
        if (cursor != null && !cursor.isBlank()) {
            try {
                String[] p = cursor.split("_");
                long micros = Long.parseLong(p[0]);
                beforeAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
                beforeId = Long.parseLong(p[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException("cursor", "Malformed page cursor");
            }
        }
        return repository.recentValues(blankToNull(testCode), analyzer == null ? null : QcRepository.analyzerKey(analyzer),
                blankToNull(outcome), beforeAt, beforeId, size);
    }

    static String cursorOf(QcValue v) {
        return (v.observedAt().getEpochSecond() * 1_000_000 + v.observedAt().getNano() / 1000) + "_" + v.id();
    }

    /**
     * The patient results of a lockout's test from its analyzer measured in its out-of-control window (from the last
     * accepted run before the rejection until the accepted run that ended it, or now), oldest first.
     */
    List<LabResult> affectedResults(QcLockout lockout, int limit) {
        Instant until = lockout.releasedRunAt() != null ? lockout.releasedRunAt() : clock.instant().plusSeconds(1);
        return results.measuredOn(lockout.testCode(), lockout.analyzer(), lockout.since(), until, limit);
    }

    @Transactional(readOnly = true)
    List<QcRepository.Unfiled> unfiled(Long beforeId, int size) {
        return repository.openUnfiled(beforeId, size);
    }

    @Transactional(readOnly = true)
    List<QcLockout> endedLockouts(Long beforeId, int size) {
        return repository.endedLockouts(beforeId, size);
    }

    /** Test/analyzer pairs with targets, as [test, analyzer-or-empty]. */
    @Transactional(readOnly = true)
    List<String[]> series() {
        return repository.series();
    }

    @Transactional(readOnly = true)
    List<QcTarget> seriesTargets(String testCode, String analyzer) {
        return repository.seriesTargets(testCode, analyzer);
    }

    @Transactional(readOnly = true)
    Map<String, String> allRules() {
        return repository.allRules();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // --- helpers ---

    private TestDefinition numericTest(String code) {
        if (code == null || code.isBlank()) {
            throw new InvalidInputException("testCode", "Choose the test");
        }
        TestDefinition test = catalog.test(code.strip())
                .orElseThrow(() -> new InvalidInputException("testCode", "Unknown test '" + code + "'"));
        if (!test.numeric()) {
            throw new InvalidInputException("testCode", test.name() + " is not numeric; Westgard rules need numbers");
        }
        return test;
    }

    /** The analyzer's name as configured, or null for a manual method. */
    private String knownAnalyzer(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        return instruments.analyzerByName(name.strip()).map(a -> a.name())
                .orElseThrow(() -> new InvalidInputException("analyzer", "Unknown analyzer '" + name + "'"));
    }

    /** Same UCUM unit: equal text, or units that convert 1:1 ("mmol/L" and "mmol/l"). */
    static boolean sameUnit(String a, String b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.equals(b)) {
            return true;
        }
        try {
            Decimal converted = Ucum.service().convert(new Decimal(1), a, b);
            return converted != null && new BigDecimal(converted.asDecimal()).compareTo(BigDecimal.ONE) == 0;
        } catch (UcumException | RuntimeException e) {
            return false;
        }
    }

    private static String describe(QcTarget t) {
        return t.lotNumber() + " " + t.testCode() + " on " + where(t.analyzer()) + ": mean " + t.mean().toPlainString()
                + " SD " + t.sd().toPlainString() + " " + t.unit() + " (" + t.source() + ")";
    }

    static String where(String analyzer) {
        return analyzer == null ? "manual method" : analyzer;
    }

    private String format(Instant at) {
        return WHEN.format(at.atZone(clock.getZone()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private static String required(String value, String field, String what) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "Enter " + what);
        }
        if (value.strip().length() > 200) {
            throw new InvalidInputException(field, capitalise(what) + " has at most 200 characters");
        }
        return value.strip();
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("No signed-in user");
        }
        return auth.getName();
    }
}
