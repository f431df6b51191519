package org.lavender.results.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.lavender.shared.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/results")
@Tag(name = "Result intelligence", description = "Delta checks, autoverification decisions, critical-value calls")
class IntelligenceApi {

    private final IntelligenceRepository rules;
    private final CriticalCalls calls;
    private final AutoverificationSettings settings;
    private final ResultService results;
    private final ReflexTesting reflex;

    IntelligenceApi(IntelligenceRepository rules, CriticalCalls calls, AutoverificationSettings settings,
                    ResultService results, ReflexTesting reflex) {
        this.reflex = reflex;
        this.rules = rules;
        this.calls = calls;
        this.settings = settings;
        this.results = results;
    }

    /** The checks of one result: delta with the previous value, each autoverification rule's outcome, its calls. */
    record Intelligence(IntelligenceRepository.Checks checks, List<IntelligenceRepository.RecordedOutcome> rules,
                        List<CriticalCall> criticalCalls, List<ReflexRepository.Event> reflexes) {
    }

    record Attempt(String recipient, String contact, boolean reached, Boolean readBack, String note) {
    }

    record ScopeChange(String scopeType, String code, boolean enabled) {
    }

    @GetMapping("/{id}/intelligence")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Operation(summary = "Delta check, autoverification rule outcomes, critical calls and reflex tests of a result")
    Intelligence intelligence(@PathVariable long id) {
        results.find(id).orElseThrow(() -> new NotFoundException("Result", id));
        return new Intelligence(rules.checks(List.of(id)).get(id), rules.outcomes(id), calls.forResult(id),
                reflex.events(id));
    }

    @GetMapping("/critical-calls")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Operation(summary = "Open and overdue critical-value calls, most urgent first")
    List<CriticalCall> criticalCalls() {
        return calls.queue(null, null, 200);
    }

    @PostMapping("/critical-calls/{id}/attempts")
    @Operation(summary = "Log a call attempt; done when the receiver was reached and read the result back")
    CriticalCall attempt(@PathVariable long id, @RequestBody Attempt a) {
        return calls.recordAttempt(id, a.recipient(), a.contact(), a.reached(), a.readBack(), a.note());
    }

    @GetMapping("/autoverification/scopes")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    @Operation(summary = "Sections and tests where autoverification is switched on or off")
    List<AutoverificationSettings.Scope> scopes() {
        return settings.scopes();
    }

    @PutMapping("/autoverification/scopes")
    @Operation(summary = "Switch autoverification on or off for a section or a test (administrator)")
    AutoverificationSettings.Scope setScope(@RequestBody ScopeChange change) {
        return settings.set(change.scopeType(), change.code(), change.enabled());
    }
}
