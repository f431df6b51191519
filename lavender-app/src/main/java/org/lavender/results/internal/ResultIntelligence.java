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

    /**
     * Runs after a value was entered, re-entered, filed by an analyzer or corrected. {@code instrumentFlags} are the
     * analyzer's flags or error codes sent with the value (null when entered by hand).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void afterValue(long resultId, String instrumentFlags) {
        ResultRepository.Row row = results.find(resultId).orElseThrow();
        judge(row, instrumentFlags, null, true);
        // Judging may only have released the row (status), which recalculation reads afresh with the specimen.
        recalculate(row.result());
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
                judge(row, null, unreleased, false);
            }
        }
    }

    /**
     * Delta check, then autoverification of a preliminary result. {@code newValue}: the value just changed, so a
     * first verification, which signed another value, is cleared (the new one needs its own), in the same update.
     */
    private void judge(ResultRepository.Row row, String instrumentFlags, List<String> unreleasedInputs,
                       boolean newValue) {
        LabResult r = row.result();
        DeltaCheck deltaCheck = delta(r);
        DeltaRule.Outcome delta = deltaCheck.outcome();
        if (r.status() != ResultStatus.PRELIMINARY) {
            if (newValue) {
                verification.clearFirstVerification(r.id());
            }
            rules.saveDelta(r.id(), delta, deltaCheck.previous());
            return;
        }
        Instant now = clock.instant();
        Optional<IntelligenceRepository.TestLimits> limits = rules.testLimits(r.testCode());
        Duration age = r.collectedAt() == null ? null : Duration.between(r.collectedAt(), now);
        var input = new AutoverificationRules.Input(r, row.resultType(), instrumentFlags, qcVerdict(r),
                AutoverificationRules.Limits.of(limits.map(IntelligenceRepository.TestLimits::low).orElse(null),
                        limits.map(IntelligenceRepository.TestLimits::high).orElse(null), r.referenceLow(),
                        r.referenceHigh()),
                delta, age, limits.map(IntelligenceRepository.TestLimits::stabilityHours).orElse(null),
                unreleasedInputs, limits.map(IntelligenceRepository.TestLimits::measuringRange).orElse(null),
                serumIndices(r));
        List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(input);
        boolean on = rules.autoverificationOn(r.section(), r.testCode());
        boolean release = on && AutoverificationRules.release(outcomes);
        rules.saveOutcomes(r.id(), r.version(), AutoverificationRules.VERSION, outcomes, now);
        String held = AutoverificationRules.heldReasons(outcomes);
        rules.saveChecks(r.id(), delta, deltaCheck.previous(), !on ? "OFF" : release ? "RELEASED" : "HELD",
                held.isEmpty() ? null : held, newValue);
        if (release && verification.secondVerification(r.section())) {
            // Autoverification gives the first (technical) verification; a person gives the second.
            verification.setFirstVerification(r.id(), now, AUTOVERIFICATION);
            audit.record(AUTOVERIFICATION, AuditEvent.of("VERIFY_FIRST", "result", r.id(),
                    ResultStatus.PRELIMINARY.fhir(), ResultStatus.PRELIMINARY.fhir() + " " + ResultService.describe(r)
                            + "; first verification by autoverification, waiting for a second verifier",
                    "all " + outcomes.size() + " rules of rule set " + AutoverificationRules.VERSION + " passed"));
        } else if (release) {
            results.setStatus(r.id(), ResultStatus.FINAL, now, AUTOVERIFICATION);
            audit.record(AUTOVERIFICATION, AuditEvent.of("VERIFY", "result", r.id(), ResultStatus.PRELIMINARY.fhir(),
                    ResultStatus.FINAL.fhir() + " " + ResultService.describe(r), "autoverified: all "
                            + outcomes.size() + " rules of rule set " + AutoverificationRules.VERSION + " passed"));
            events.publishEvent(new ResultVerified(r.id(), r.orderId(), r.patientId(), r.testCode(), AUTOVERIFICATION));
        }
    }

    /** The test's serum index limits and the indices measured on the same specimen; null without limits. */
    private AutoverificationRules.SerumIndices serumIndices(LabResult r) {
        Map<Character, java.math.BigDecimal> limits = rules.indexLimits(r.testCode());
        if (limits.isEmpty()) {
            return null;
        }
        Map<String, Character> indexTests = rules.indexTests();
        Map<Character, java.math.BigDecimal> measured = new HashMap<>();
        for (ResultRepository.Row row : results.forSpecimens(List.of(r.specimenId()), HAS_VALUE)) {
            Character kind = indexTests.get(row.result().testCode());
            if (kind != null && row.result().numericValue() != null) {
                measured.put(kind, row.result().numericValue());
            }
        }
        return new AutoverificationRules.SerumIndices(limits, measured);
    }

    /** A delta check's outcome (null without a rule or a number) and the previous result it compared. */
    private record DeltaCheck(DeltaRule.Outcome outcome, IntelligenceRepository.Previous previous) {
    }

    /** The delta check; the caller stores it with the result. */
    private DeltaCheck delta(LabResult r) {
        Optional<DeltaRule> rule = rules.deltaRule(r.testCode());
        if (rule.isEmpty() || r.numericValue() == null) {
            return new DeltaCheck(null, null);
        }
        Instant at = collected(r);
        Optional<IntelligenceRepository.Previous> previous = rules.previousReleased(r.patientId(), r.testCode(),
                r.id(), at);
        DeltaRule.Outcome outcome = rule.get().check(analyte(r.testName()),
                new DeltaRule.Point(r.numericValue(), r.comparator(), r.unit(), at),
                previous.map(p -> new DeltaRule.Point(p.number(), p.comparator(), p.unit(), p.collectedAt()))
                        .orElse(null));
        return new DeltaCheck(outcome, outcome.evaluated() ? previous.orElse(null) : null);
    }

    private AnalyteQcStatus.Verdict qcVerdict(LabResult r) {
        return qc.of(r, clock.instant());
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
        judge(results.find(old.id()).orElseThrow(), null, unreleasedInputs, true);
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
