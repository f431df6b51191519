package org.lavender.results.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.TestDefinition;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.CriticalResultDetected;
import org.lavender.results.LabResult;
import org.lavender.results.ResultAmended;
import org.lavender.results.ResultStatus;
import org.lavender.results.ResultVerified;
import org.lavender.shared.ConflictException;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What happens after a value is stored, in the same transaction: the delta check against the patient's previous
 * released result, the calculated tests that use the value, and autoverification. Each decision is kept with the
 * result and audited; the actors are {@code calculation} and {@code autoverification}.
 */
@Service
class ResultIntelligence {

    static final String CALCULATION = "calculation";
    static final String AUTOVERIFICATION = "autoverification";
    private static final EnumSet<ResultStatus> HAS_VALUE =
            EnumSet.of(ResultStatus.PRELIMINARY, ResultStatus.FINAL, ResultStatus.CORRECTED);

    private final ResultRepository results;
    private final IntelligenceRepository rules;
    private final Catalog catalog;
    private final Patients patients;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final QcVerdicts qc;
    private final Clock clock;
    private final VerificationRepository verification;

    ResultIntelligence(ResultRepository results, IntelligenceRepository rules, Catalog catalog, Patients patients,
                       AuditLog audit, ApplicationEventPublisher events, QcVerdicts qc,
                       Clock clock, VerificationRepository verification) {
        this.verification = verification;
        this.results = results;
        this.rules = rules;
        this.catalog = catalog;
        this.patients = patients;
        this.audit = audit;
        this.events = events;
        this.qc = qc;
        this.clock = clock;
    }

    /** Delta and autoverification decisions of the results shown on a page, in one query. */
    @Transactional(readOnly = true)
    Map<Long, IntelligenceRepository.Checks> checks(java.util.Collection<Long> resultIds) {
        return rules.checks(resultIds);
    }

    /** Each autoverification rule's outcome at the latest evaluation, in rule order. */
    @Transactional(readOnly = true)
    List<IntelligenceRepository.RecordedOutcome> outcomes(long resultId) {
        return rules.outcomes(resultId);
    }

    /** A calculated test is filled from its inputs; typing a number over it would hide the calculation. */
    void refuseManualEntry(LabResult r) {
        calculation(r.testCode(), r.loinc()).ifPresent(s -> {
            throw new ConflictException(r.testName() + " is calculated (" + s.calculator().label()
                    + ") from its inputs; enter or correct those instead");
        });
    }

    /**
     * A value no specimen can have (a negative count or concentration, or beyond the test's possible range) is a
     * typing or analyzer error: refused with the reason, never stored. Without a configured lower bound it is 0.
     */
    void refuseImpossible(LabResult r, MeasuredValue value) {
        Optional<IntelligenceRepository.TestLimits> limits = rules.testLimits(r.testCode());
        java.math.BigDecimal low = limits.map(IntelligenceRepository.TestLimits::possibleLow)
                .orElse(java.math.BigDecimal.ZERO);
        if (low == null) {
            low = java.math.BigDecimal.ZERO;
        }
        java.math.BigDecimal high = limits.map(IntelligenceRepository.TestLimits::possibleHigh).orElse(null);
        boolean belowPossible = value.number().compareTo(low) < 0
                && (value.exact() || value.comparator().startsWith("<"));
        boolean abovePossible = high != null && value.number().compareTo(high) > 0
                && (value.exact() || value.comparator().startsWith(">"));
        if (belowPossible || abovePossible) {
            throw new InvalidInputException("value", value.display() + " is not possible for " + r.testName()
                    + " (possible " + low.stripTrailingZeros().toPlainString() + "–"
                    + (high == null ? "" : high.stripTrailingZeros().toPlainString())
                    + (r.unit() == null ? "" : " " + r.unit()) + "); check the value or the analyzer");
        }
    }

    boolean calculated(String testCodeOrLoinc) {
        Optional<TestDefinition> test = catalog.test(testCodeOrLoinc);
        return test.isPresent() && calculation(test.get().code(), test.get().loinc()).isPresent();
    }

    private Optional<IntelligenceRepository.CalculationSetting> calculation(String testCode, String loinc) {
        return rules.enabledCalculations().stream()
                .filter(s -> s.outputTest().equals(testCode) || s.outputTest().equals(loinc)).findFirst();
    }

    /** A value just stored: its row as stored and the analyzer's error flags sent with it (null by hand). */
    record StoredValue(ResultRepository.Row row, String instrumentFlags) {
    }

    /**
     * Runs after a value was entered, re-entered, filed by an analyzer or corrected. {@code instrumentFlags} are the
     * analyzer's flags or error codes sent with the value (null when entered by hand).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void afterValue(long resultId, String instrumentFlags) {
        afterValues(List.of(new StoredValue(results.find(resultId).orElseThrow(), instrumentFlags)));
    }

    /**
     * The same for the values of one analyzer message: judged together (a few statements for the whole set), then
     * the calculated tests that use them are recomputed.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void afterValues(List<StoredValue> values) {
        write(judge(values.stream().map(v -> new Judging(v.row(), v.instrumentFlags(), null)).toList(), true));
        rejudgeForIndices(values);
        // Judging may only have released a row (status), which recalculation reads afresh with the specimen.
        values.forEach(v -> recalculate(v.row().result()));
    }

    /**
     * Judges values before they are written (each {@code row} as it will be stored), so the caller writes every
     * result once, with its value and the decisions returned, and then calls {@link #afterWritten}. Serum indices
     * sent in the same set count as measured on their specimen.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Judged judgeUnwritten(List<StoredValue> values) {
        return judge(values.stream().map(v -> new Judging(v.row(), v.instrumentFlags(), null)).toList(), true);
    }

    /** After the caller wrote values with their decisions: releases are announced, calculated tests recomputed. */
    @Transactional(propagation = Propagation.MANDATORY)
    void afterWritten(Judged judged, List<StoredValue> values) {
        announce(judged);
        rejudgeForIndices(values);
        values.forEach(v -> recalculate(v.row().result()));
    }

    /**
     * A serum index measured after the analytes it concerns: results of the same specimen waiting for verification
     * that were held by the serum-index rule alone ("index not measured") are judged again with it, so an index
     * within the limits lets them autoverify and one above keeps them held with that reason. A result held for
     * anything else stays with the technologist (its analyzer flags, for one, are not judged twice).
     */
    private void rejudgeForIndices(List<StoredValue> values) {
        Map<String, Character> indexTests = rules.indexTests();
        java.util.Set<Long> specimens = new java.util.HashSet<>();
        java.util.Set<Long> judgedNow = new java.util.HashSet<>();
        for (StoredValue v : values) {
            judgedNow.add(v.row().result().id());
            if (indexTests.containsKey(v.row().result().testCode())) {
                specimens.add(v.row().result().specimenId());
            }
        }
        if (specimens.isEmpty()) {
            return;
        }
        List<ResultRepository.Row> waiting = results.forSpecimens(specimens, EnumSet.of(ResultStatus.PRELIMINARY))
                .stream().filter(row -> !judgedNow.contains(row.result().id())
                        && !rules.indexLimits(row.result().testCode()).isEmpty()).toList();
        java.util.Set<Long> heldByIndices = rules.heldOnlyBy(waiting.stream().map(ResultRepository.Row::result)
                .toList(), new AutoverificationRules.IndicesBelowLimits().name());
        write(judge(waiting.stream().filter(row -> heldByIndices.contains(row.result().id()))
                .map(row -> new Judging(row, null, null)).toList(), false));
    }

    /**
     * What judging decided for preliminary results, to be written with them: the checks of each, those
     * autoverification released, and those it gave the first of two verifications, all at {@code at}.
     */
    record Judged(Map<Long, IntelligenceRepository.CheckRow> checks, List<LabResult> released,
                  java.util.Set<Long> firstVerified, Instant at) {

        static final Judged NONE = new Judged(Map.of(), List.of(), java.util.Set.of(), null);
    }

    /** Writes decisions about results already written. */
    private void write(Judged judged) {
        rules.saveChecks(List.copyOf(judged.checks().values()));
        results.setStatuses(judged.released().stream().map(LabResult::id).toList(), ResultStatus.FINAL, judged.at(),
                AUTOVERIFICATION);
        verification.setFirstVerifications(judged.firstVerified(), judged.at(), AUTOVERIFICATION);
        announce(judged);
    }

    private void announce(Judged judged) {
        judged.released().forEach(r -> events.publishEvent(new ResultVerified(r.id(), r.orderId(), r.patientId(),
                r.testCode(), AUTOVERIFICATION)));
    }

    /**
     * After a person released results: calculated results of the same specimens that were held only because these
     * inputs were not yet released are judged again (and may now autoverify).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void afterRelease(List<LabResult> released) {
        List<IntelligenceRepository.CalculationSetting> settings = rules.enabledCalculations();
        java.util.Set<Long> specimens = new java.util.LinkedHashSet<>();
        for (LabResult r : released) {
            if (r.loinc() != null && settings.stream().anyMatch(s -> s.calculator().uses(r.loinc()))) {
                specimens.add(r.specimenId());
            }
        }
        if (specimens.isEmpty()) {
            return;
        }
        List<ResultRepository.Row> rows = results.forSpecimens(specimens, EnumSet.allOf(ResultStatus.class));
        List<Judging> judging = new java.util.ArrayList<>();
        for (IntelligenceRepository.CalculationSetting setting : settings) {
            Optional<TestDefinition> output = catalog.test(setting.outputTest());
            if (output.isEmpty()) {
                continue;
            }
            for (ResultRepository.Row row : rows) {
                LabResult r = row.result();
                if (!r.testCode().equals(output.get().code()) || r.status() != ResultStatus.PRELIMINARY) {
                    continue;
                }
                List<String> unreleased = rows.stream().map(ResultRepository.Row::result)
                        .filter(i -> i.specimenId() == r.specimenId() && i.loinc() != null
                                && setting.calculator().uses(i.loinc()) && !i.status().released())
                        .map(i -> analyte(i.testName())).toList();
                judging.add(new Judging(row, null, unreleased));
            }
        }
        write(judge(judging, false));
    }

    /** A result to judge, with the analyzer's error flags and the calculation inputs not yet released. */
    private record Judging(ResultRepository.Row row, String instrumentFlags, List<String> unreleasedInputs) {
    }

    /**
     * Delta check, then autoverification of each preliminary result, for a set of results at once: the previous
     * results, QC verdicts and serum indices are read for the whole set and the decisions written in batches.
     * {@code newValue}: the values just changed, so a first verification, which signed another value, is cleared
     * (the new one needs its own), in the same update.
     */
    private Judged judge(List<Judging> batch, boolean newValue) {
        if (batch.isEmpty()) {
            return Judged.NONE;
        }
        Instant now = clock.instant();
        Map<Long, DeltaCheck> deltas = deltas(batch.stream().map(j -> j.row().result()).toList());
        List<Judging> preliminary = new java.util.ArrayList<>();
        for (Judging j : batch) {
            LabResult r = j.row().result();
            if (r.status() == ResultStatus.PRELIMINARY) {
                preliminary.add(j);
            } else {
                if (newValue) {
                    verification.clearFirstVerification(r.id());
                }
                rules.saveDelta(r.id(), deltas.get(r.id()).outcome(), deltas.get(r.id()).previous());
            }
        }
        if (preliminary.isEmpty()) {
            return Judged.NONE;
        }
        // Serum indices of this set count even before they are written.
        Map<Long, List<LabResult>> judgedBySpecimen = batch.stream().map(j -> j.row().result())
                .collect(java.util.stream.Collectors.groupingBy(LabResult::specimenId));
        List<AnalyteQcStatus.Verdict> verdicts = qc.of(preliminary.stream().map(j -> j.row().result()).toList(), now);
        Map<Long, Map<Character, java.math.BigDecimal>> indicesBySpecimen = new HashMap<>();
        Map<String, Boolean> secondVerification = new HashMap<>();
        var evaluations = new java.util.ArrayList<IntelligenceRepository.Evaluation>();
        var checks = new java.util.LinkedHashMap<Long, IntelligenceRepository.CheckRow>();
        var released = new java.util.ArrayList<LabResult>();
        var firstVerified = new java.util.LinkedHashSet<Long>();
        for (int i = 0; i < preliminary.size(); i++) {
            Judging j = preliminary.get(i);
            LabResult r = j.row().result();
            DeltaCheck deltaCheck = deltas.get(r.id());
            Optional<IntelligenceRepository.TestLimits> limits = rules.testLimits(r.testCode());
            Duration age = r.collectedAt() == null ? null : Duration.between(r.collectedAt(), now);
            var input = new AutoverificationRules.Input(r, j.row().resultType(), j.instrumentFlags(), verdicts.get(i),
                    AutoverificationRules.Limits.of(limits.map(IntelligenceRepository.TestLimits::low).orElse(null),
                            limits.map(IntelligenceRepository.TestLimits::high).orElse(null), r.referenceLow(),
                            r.referenceHigh()),
                    deltaCheck.outcome(), age,
                    limits.map(IntelligenceRepository.TestLimits::stabilityHours).orElse(null), j.unreleasedInputs(),
                    limits.map(IntelligenceRepository.TestLimits::measuringRange).orElse(null),
                    serumIndices(r, indicesBySpecimen, judgedBySpecimen));
            List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(input);
            boolean on = rules.autoverificationOn(r.section(), r.testCode());
            boolean release = on && AutoverificationRules.release(outcomes);
            evaluations.add(new IntelligenceRepository.Evaluation(r.id(), r.version(), outcomes));
            String held = AutoverificationRules.heldReasons(outcomes);
            checks.put(r.id(), new IntelligenceRepository.CheckRow(r.id(), deltaCheck.outcome(),
                    deltaCheck.previous(), !on ? "OFF" : release ? "RELEASED" : "HELD", held.isEmpty() ? null : held,
                    newValue));
            if (!release) {
                continue;
            }
            String passed = "all " + outcomes.size() + " rules of rule set " + AutoverificationRules.VERSION
                    + " passed";
            if (secondVerification.computeIfAbsent(r.section(), verification::secondVerification)) {
                // Autoverification gives the first (technical) verification; a person gives the second.
                firstVerified.add(r.id());
                audit.recordBatched(AUTOVERIFICATION, AuditEvent.of("VERIFY_FIRST", "result", r.id(),
                        ResultStatus.PRELIMINARY.fhir(), ResultStatus.PRELIMINARY.fhir() + " "
                                + ResultService.describe(r)
                                + "; first verification by autoverification, waiting for a second verifier", passed));
            } else {
                released.add(r);
                audit.recordBatched(AUTOVERIFICATION, AuditEvent.of("VERIFY", "result", r.id(),
                        ResultStatus.PRELIMINARY.fhir(), ResultStatus.FINAL.fhir() + " " + ResultService.describe(r),
                        "autoverified: " + passed));
            }
        }
        rules.saveOutcomes(evaluations, AutoverificationRules.VERSION, now);
        return new Judged(checks, released, firstVerified, now);
    }

    /**
     * The test's serum index limits and the indices measured on the same specimen (read once per specimen for a
     * judged set); null without limits.
     */
    private AutoverificationRules.SerumIndices serumIndices(LabResult r,
                                                            Map<Long, Map<Character, java.math.BigDecimal>> bySpecimen,
                                                            Map<Long, List<LabResult>> judgedBySpecimen) {
        Map<Character, java.math.BigDecimal> limits = rules.indexLimits(r.testCode());
        if (limits.isEmpty()) {
            return null;
        }
        Map<Character, java.math.BigDecimal> measured = bySpecimen.computeIfAbsent(r.specimenId(), specimen -> {
            Map<String, Character> indexTests = rules.indexTests();
            Map<Character, java.math.BigDecimal> indices = new HashMap<>();
            for (ResultRepository.Row row : results.forSpecimens(List.of(specimen), HAS_VALUE)) {
                Character kind = indexTests.get(row.result().testCode());
                if (kind != null && row.result().numericValue() != null) {
                    indices.put(kind, row.result().numericValue());
                }
            }
            for (LabResult judged : judgedBySpecimen.getOrDefault(specimen, List.of())) {
                Character kind = indexTests.get(judged.testCode());
                if (kind != null && judged.numericValue() != null && HAS_VALUE.contains(judged.status())) {
                    indices.put(kind, judged.numericValue());
                }
            }
            return indices;
        });
        return new AutoverificationRules.SerumIndices(limits, measured);
    }

    /** A delta check's outcome (null without a rule or a number) and the previous result it compared. */
    private record DeltaCheck(DeltaRule.Outcome outcome, IntelligenceRepository.Previous previous) {
    }

    /** The delta checks of a set of results, by result id (the previous results read in one statement). */
    private Map<Long, DeltaCheck> deltas(List<LabResult> judged) {
        var queries = new java.util.ArrayList<IntelligenceRepository.PreviousQuery>();
        for (LabResult r : judged) {
            if (rules.deltaRule(r.testCode()).isPresent() && r.numericValue() != null) {
                queries.add(new IntelligenceRepository.PreviousQuery(r.id(), r.patientId(), r.testCode(),
                        collected(r)));
            }
        }
        Map<Long, IntelligenceRepository.Previous> previous = rules.previousReleased(queries);
        Map<Long, DeltaCheck> checks = new HashMap<>();
        for (LabResult r : judged) {
            Optional<DeltaRule> rule = rules.deltaRule(r.testCode());
            if (rule.isEmpty() || r.numericValue() == null) {
                checks.put(r.id(), new DeltaCheck(null, null));
                continue;
            }
            IntelligenceRepository.Previous before = previous.get(r.id());
            DeltaRule.Outcome outcome = rule.get().check(analyte(r.testName()),
                    new DeltaRule.Point(r.numericValue(), r.comparator(), r.unit(), collected(r)),
                    before == null ? null
                            : new DeltaRule.Point(before.number(), before.comparator(), before.unit(),
                                    before.collectedAt()));
            checks.put(r.id(), new DeltaCheck(outcome, outcome.evaluated() ? before : null));
        }
        return checks;
    }

    /** Calculated tests of the same specimen that use this result, (re)computed now that it changed. */
    private void recalculate(LabResult changed) {
        if (changed.loinc() == null) {
            return;
        }
        List<IntelligenceRepository.CalculationSetting> affected = rules.enabledCalculations().stream()
                .filter(s -> s.calculator().uses(changed.loinc())).toList();
        if (affected.isEmpty()) {
            return;
        }
        Patient patient = patient(changed);
        List<ResultRepository.Row> specimen = results.forSpecimens(List.of(changed.specimenId()),
                EnumSet.allOf(ResultStatus.class));
        Map<String, CalculationInputs.Measurement> values = new HashMap<>();
        Map<String, LabResult> byLoinc = new HashMap<>();
        for (ResultRepository.Row row : specimen) {
            LabResult r = row.result();
            if (r.loinc() != null && r.numericValue() != null && HAS_VALUE.contains(r.status())) {
                values.put(r.loinc(), new CalculationInputs.Measurement(r.numericValue(), r.unit(), r.comparator()));
                byLoinc.put(r.loinc(), r);
            }
        }
        LocalDate on = LocalDate.ofInstant(collected(changed), clock.getZone());
        var inputs = new CalculationInputs(values, patient.sex(), patient.ageInYears(on),
                thromboplastin(byLoinc.get(Calculator.Analyte.PROTHROMBIN_TIME.loinc)));
        for (IntelligenceRepository.CalculationSetting setting : affected) {
            Calculator calculator = setting.calculator();
            Optional<TestDefinition> output = catalog.test(setting.outputTest());
            if (output.isEmpty() || !calculator.computable(inputs)) {
                continue;
            }
            Optional<ResultRepository.Row> target = specimen.stream()
                    .filter(r -> r.result().testCode().equals(output.get().code())).findFirst();
            if (target.isEmpty()) {
                if (!setting.addWhenComputable()) {
                    continue;
                }
                results.openPending(new PendingResult(changed.specimenId(), changed.accession(), changed.orderId(),
                        changed.orderItemId(), changed.patientId(), specimen.get(0).priority(), output.get().code(),
                        output.get().loinc(), output.get().name(), output.get().section(),
                        output.get().resultType().name(), output.get().unit(), output.get().decimals(),
                        changed.collectedAt(), changed.receivedAt()));
                target = results.forSpecimens(List.of(changed.specimenId()), EnumSet.of(ResultStatus.PENDING))
                        .stream().filter(r -> r.result().testCode().equals(output.get().code())).findFirst();
            }
            if (target.isEmpty() || target.get().result().status() == ResultStatus.CANCELLED) {
                continue;
            }
            List<String> unreleased = calculator.inputLoincs().stream().map(byLoinc::get)
                    .filter(r -> !r.status().released()).map(r -> analyte(r.testName())).toList();
            file(target.get(), calculator, calculator.apply(inputs), changed, patient, unreleased);
        }
    }

    /** The thromboplastin lot in effect when the PT was measured, on its analyzer (or for any analyzer). */
    private CalculationInputs.Thromboplastin thromboplastin(LabResult pt) {
        if (pt == null) {
            return null;
        }
        Instant measured = pt.resultedAt() != null ? pt.resultedAt() : clock.instant();
        return rules.thromboplastin(QcVerdicts.analyzerOf(pt.resultedBy()), measured).orElse(null);
    }

    /** Stores a calculated value (or refusal) like an entry by the actor "calculation", keeping the old value. */
    private void file(ResultRepository.Row row, Calculator calculator, Calculation calculation, LabResult trigger,
                      Patient patient, List<String> unreleasedInputs) {
        LabResult old = row.result();
        Calculation c = calculation;
        if (!c.refused() && c.unit() != null && old.unit() != null && !c.unit().equals(old.unit())) {
            c = Calculation.refused(calculator.label() + " is calculated in " + c.unit() + " but " + old.testName()
                    + " is reported in " + old.unit());
        }
        String text = c.value() == null ? null : c.value().toPlainString();
        if (old.status() != ResultStatus.PENDING && Objects.equals(text, old.valueText())
                && Objects.equals(c.refusal(), old.comment())) {
            return;
        }
        java.math.BigDecimal value = c.value();
        Optional<ReferenceInterval> interval = value == null ? Optional.empty()
                : catalog.interval(old.testCode(), patient.sex(), patient.ageInDays(LocalDate.ofInstant(collected(old),
                clock.getZone())), collected(old));
        Interpretation flag = interval.map(i -> i.flag(value)).orElse(null);
        boolean released = old.status().released();
        Instant now = clock.instant();
        ResultStatus status = released ? ResultStatus.CORRECTED : ResultStatus.PRELIMINARY;
        LabResult updated = new LabResult(old.id(), old.specimenId(), old.accession(), old.orderId(),
                old.orderItemId(), old.patientId(), old.testCode(), old.loinc(), old.testName(), old.section(), text,
                null, c.value(), old.unit(), flag, interval.map(ReferenceInterval::id).orElse(null),
                interval.map(ReferenceInterval::low).orElse(null), interval.map(ReferenceInterval::high).orElse(null),
                interval.map(ReferenceInterval::text).orElse(null), status, old.collectedAt(), old.receivedAt(),
                old.resultedAt(), old.resultedBy(), released ? now : null, released ? CALCULATION : null,
                c.refusal(), old.version());
        String reason = (old.valueText() == null && old.comment() == null ? "calculated" : "recalculated") + " ("
                + calculator.label() + ") after " + analyte(trigger.testName()) + " " + trigger.valueText()
                + (trigger.status() == ResultStatus.CORRECTED ? " was corrected" : " was entered")
                + (c.basis() == null ? "" : "; " + c.basis());
        if (old.valueText() != null || old.comment() != null) {
            results.addRevision(old, CALCULATION, now, reason);
        }
        results.saveValue(new ResultRepository.Row(updated, row.priority(), row.resultType(), row.decimals()),
                CALCULATION, now);
        audit.record(CALCULATION, AuditEvent.changed("result", old.id(), ResultService.describe(old),
                ResultService.describe(updated), reason));
        if (released) {
            events.publishEvent(new ResultAmended(old.id(), old.orderId(), old.patientId(), old.testCode(),
                    old.valueText(), text, reason, CALCULATION));
        }
        if (flag != null && flag.critical()) {
            events.publishEvent(new CriticalResultDetected(old.id(), old.orderId(), old.patientId(), old.testCode(),
                    text, flag));
        }
        write(judge(List.of(new Judging(results.find(old.id()).orElseThrow(), null, unreleasedInputs)), true));
    }

    /**
     * The analyzer flags that hold a result: anything but the HL7 table 0078 interpretation codes (N, L, H, LL, HH,
     * A, AA), which the analyzer sends for a value it measured without trouble and which Lavender recomputes itself.
     */
    static String errorFlags(List<String> instrumentFlags) {
        List<String> errors = instrumentFlags.stream().map(String::strip).filter(f -> !f.isEmpty())
                .filter(f -> !INTERPRETATION_CODES.contains(f)).toList();
        return errors.isEmpty() ? null : String.join(" ", errors);
    }

    private static final java.util.Set<String> INTERPRETATION_CODES =
            java.util.Set.of("N", "L", "H", "LL", "HH", "A", "AA");

    private Patient patient(LabResult r) {
        return patients.find(r.patientId())
                .orElseThrow(() -> new IllegalStateException("Patient " + r.patientId() + " not found"));
    }

    private static Instant collected(LabResult r) {
        return r.collectedAt() != null ? r.collectedAt() : r.receivedAt();
    }

    /** "Creatinine" → "creatinine", but "MCV" stays "MCV", as in "delta creatinine +62.5 %". */
    static String analyte(String testName) {
        if (testName.length() > 1 && Character.isUpperCase(testName.charAt(0))
                && Character.isLowerCase(testName.charAt(1))) {
            return testName.substring(0, 1).toLowerCase(Locale.ROOT) + testName.substring(1);
        }
        return testName;
    }
}
