package org.lavender.results.internal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.results.LabResult;
import org.lavender.results.ReflexOrders;
import org.lavender.results.ResultAmended;
import org.lavender.results.ResultVerified;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reflex testing. Rules fire on a released result (verified by a person or autoverified) and on a correction, in the
 * transaction that releases it: a preliminary value may still be held by autoverification (delta, AMR, hemolysis,
 * analyzer flags: clinical reference §5) and re-run or corrected, and a test must not be added on a value that does
 * not stand. The reflex test joins the same order ({@link ReflexOrders}, implemented by orders), on the same specimen
 * when the tube takes it; each result asks for a given reflex test at most once, so a corrected result that still
 * meets the rule adds nothing new.
 */
@Service
class ReflexTesting {

    private final ReflexRepository reflexes;
    private final ResultRepository results;
    private final ReflexOrders orders;
    private final Specimens specimens;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    ReflexTesting(ReflexRepository reflexes, ResultRepository results, ReflexOrders orders, Specimens specimens,
                  Catalog catalog, AuditLog audit, Clock clock) {
        this.reflexes = reflexes;
        this.results = results;
        this.orders = orders;
        this.specimens = specimens;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ResultVerified verified) {
        evaluate(verified.resultId(), verified.testCode(), verified.verifiedBy());
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    void on(ResultAmended amended) {
        evaluate(amended.resultId(), amended.testCode(), amended.amendedBy());
    }

    /** The result is read only when its test has reflex rules (most tests have none). */
    private void evaluate(long resultId, String testCode, String actor) {
        List<ReflexRule> rules = reflexes.enabledFor(testCode);
        if (rules.isEmpty()) {
            return;
        }
        LabResult r = results.find(resultId).orElseThrow().result();
        if (!r.status().released()) {
            return;
        }
        for (ReflexRule rule : rules) {
            Optional<String> fired = rule.firedBy(r);
            if (fired.isPresent() && !reflexes.exists(r.id(), rule.reflexTest())) {
                fire(r, rule, fired.get(), actor);
            }
        }
    }

    private void fire(LabResult r, ReflexRule rule, String trigger, String actor) {
        String reason = "reflex rule " + rule.id() + " (" + rule.describe() + "): " + trigger + " on " + r.accession();
        ReflexOrders.Added added = orders.add(r.orderId(), r.specimenId(), rule.reflexTest(), reason, actor);
        String detail = added.detail();
        if (added.outcome() == ReflexOrders.Outcome.ADDED) {
            detail += openOnSameSpecimen(r, added.orderItemId(), rule.reflexTest());
        }
        reflexes.record(new ReflexRepository.Event(r.id(), rule.reflexTest(), rule.id(), trigger,
                added.outcome().name(), detail, added.orderItemId(), clock.instant(), actor));
        audit.record(actor, AuditEvent.of("REFLEX", "result", r.id(), null, added.outcome() + ": " + detail, reason));
    }

    /** The reflex test joined the received tube: it goes on the section's worklist now, like the tube's other tests. */
    private String openOnSameSpecimen(LabResult r, long itemId, String testCode) {
        Optional<Specimen> tube = specimens.find(r.specimenId()).filter(s -> s.status() == SpecimenStatus.RECEIVED
                && s.tests().stream().anyMatch(t -> t.orderItemId() == itemId));
        Optional<TestDefinition> test = catalog.test(testCode);
        if (tube.isEmpty() || test.isEmpty()) {
            return "";
        }
        results.openPending(PendingResult.onTube(tube.get(), itemId, test.get()));
        return "; on the worklist";
    }

    @Transactional(readOnly = true)
    List<ReflexRepository.StoredRule> rules() {
        return reflexes.all();
    }

    @Transactional(readOnly = true)
    List<ReflexRepository.Event> events(long resultId) {
        return reflexes.forResult(resultId);
    }

    /** Adds a rule (administrators); both tests must be in the catalog and the reflex test orderable on its own. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ReflexRule add(ReflexRule typed) {
        TestDefinition trigger = catalog.test(typed.testCode()).orElseThrow(() -> new InvalidInputException(
                "testCode", "Unknown test '" + typed.testCode() + "'"));
        TestDefinition reflex = catalog.test(typed.reflexTest()).orElseThrow(() -> new InvalidInputException(
                "reflexTest", "Unknown test '" + typed.reflexTest() + "'"));
        if (catalog.orderable(reflex.code()).isEmpty()) {
            throw new InvalidInputException("reflexTest", reflex.code() + " is not orderable on its own");
        }
        if (trigger.code().equals(reflex.code())) {
            throw new InvalidInputException("reflexTest", "A test cannot reflex to itself");
        }
        switch (typed.condition()) {
            case COMPARISON -> {
                if (!trigger.numeric()) {
                    throw new InvalidInputException("condition", trigger.code() + " is not numeric: compare a"
                            + " coded test by answer or flag");
                }
            }
            case ANSWER -> {
                if (trigger.answers().stream().noneMatch(a -> a.equalsIgnoreCase(typed.answer()))) {
                    throw new InvalidInputException("answer", "'" + typed.answer() + "' is not an answer of "
                            + trigger.code() + "; use one of " + String.join(", ", trigger.answers()));
                }
            }
            case FLAG -> {
            }
        }
        String answer = typed.answer() == null ? null : trigger.answers().stream()
                .filter(a -> a.equalsIgnoreCase(typed.answer())).findFirst().orElseThrow();
        ReflexRule rule = new ReflexRule(0, trigger.code(), typed.condition(), typed.comparator(), typed.threshold(),
                typed.flags(), answer, reflex.code(), typed.note(), true);
        if (reflexes.enabledDuplicate(rule)) {
            throw new InvalidInputException("testCode", "An enabled rule " + rule.describe() + " already exists");
        }
        String user = ResultService.currentUser();
        long id = reflexes.insert(rule, clock.instant(), user);
        ReflexRule stored = new ReflexRule(id, rule.testCode(), rule.condition(), rule.comparator(), rule.threshold(),
                rule.flags(), rule.answer(), rule.reflexTest(), rule.note(), true);
        audit.record(AuditEvent.created("reflex-rule", id, stored.describe() + " enabled"
                + (rule.note() == null ? "" : " (" + rule.note() + ")")));
        return stored;
    }

    /** Switches a rule on or off (administrators); rules are never deleted, their reflexes refer to them. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    ReflexRule setEnabled(long id, boolean enabled) {
        ReflexRepository.StoredRule stored = reflexes.lock(id)
                .orElseThrow(() -> new NotFoundException("Reflex rule", id));
        ReflexRule before = stored.rule();
        if (enabled && !before.enabled() && reflexes.enabledDuplicate(before)) {
            throw new InvalidInputException("id", "An enabled rule " + before.describe() + " already exists");
        }
        reflexes.setEnabled(id, enabled, clock.instant(), ResultService.currentUser());
        audit.record(AuditEvent.changed("reflex-rule", id, before.describe() + (before.enabled() ? " enabled"
                : " disabled"), before.describe() + (enabled ? " enabled" : " disabled"), null));
        return new ReflexRule(id, before.testCode(), before.condition(), before.comparator(), before.threshold(),
                before.flags(), before.answer(), before.reflexTest(), before.note(), enabled);
    }
}
