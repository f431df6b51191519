package org.lavender.qc.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lavender.qc.ControlLot;
import org.lavender.qc.NewControlLot;
import org.lavender.qc.NewQcTarget;
import org.lavender.qc.QcEntry;
import org.lavender.qc.QcLockout;
import org.lavender.qc.QcTarget;
import org.lavender.qc.QcValue;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.shared.NotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/qc")
@Tag(name = "Quality control", description = "Control lots, QC values with Westgard evaluation, lockouts")
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
class QcApi {

    private static final int MAX_AFFECTED = 1000;

    private final QcService qc;
    private final QcLockoutStatus status;
    private final Clock clock;

    QcApi(QcService qc, QcLockoutStatus status, Clock clock) {
        this.qc = qc;
        this.status = status;
        this.clock = clock;
    }

    record Rules(String rules, BigDecimal sigma) {
    }

    record RuleSetView(String testCode, String rules) {
    }

    record CorrectiveActionInput(String action, String performedBy) {
    }

    record ValuePage(List<QcValue> items, String nextCursor) {
    }

    @GetMapping("/lots")
    @Operation(summary = "Control lots, latest expiry first")
    List<ControlLot> lots() {
        return qc.lots();
    }

    @PostMapping("/lots")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a control lot (admin or verifier)")
    ControlLot createLot(@RequestBody NewControlLot lot) {
        return qc.createLot(lot);
    }

    @GetMapping("/lots/{lotNumber}/targets")
    @Operation(summary = "Targets of a lot per test and analyzer")
    List<QcTarget> targets(@PathVariable String lotNumber) {
        return qc.targets(qc.lot(lotNumber).orElseThrow(() -> new NotFoundException("Control lot", lotNumber)).id());
    }

    @PutMapping("/targets")
    @Operation(summary = "Set a lot's target mean and SD for a test on an analyzer (admin or verifier)")
    QcTarget target(@RequestBody NewQcTarget target) {
        return qc.setTarget(target);
    }

    @PutMapping("/rules/{testCode}")
    @Operation(summary = "Choose a test's Westgard rules, or have them suggested from its sigma metric")
    RuleSetView rules(@PathVariable String testCode, @RequestBody Rules rules) {
        return new RuleSetView(testCode, qc.setRules(testCode, rules.rules(), rules.sigma()));
    }

    @PostMapping("/results")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record control values measured together (one run per test and analyzer), judged at once;"
            + " any bad value refuses all (422), nothing stored")
    List<QcValue> record(@RequestBody List<QcEntry> entries) {
        return qc.record(entries);
    }

    @GetMapping("/results")
    @Operation(summary = "QC values newest first with their violations (keyset cursor)")
    ValuePage values(@RequestParam(required = false) String test, @RequestParam(required = false) String analyzer,
                     @RequestParam(required = false) String outcome, @RequestParam(required = false) String cursor,
                     @RequestParam(defaultValue = "50") int size) {
        int pageSize = Math.min(Math.max(size, 1), 500);
        List<QcValue> page = qc.recentValues(test, analyzer, outcome, cursor, pageSize + 1);
        if (page.size() > pageSize) {
            page = page.subList(0, pageSize);
            return new ValuePage(page, QcService.cursorOf(page.get(pageSize - 1)));
        }
        return new ValuePage(page, null);
    }

    @GetMapping("/unfiled")
    @Operation(summary = "Analyzer QC that could not be filed, with the reason, newest first (keyset by id)")
    List<QcRepository.Unfiled> unfiled(@RequestParam(required = false) Long before,
                                       @RequestParam(defaultValue = "50") int size) {
        return qc.unfiled(before, Math.min(Math.max(size, 1), 500));
    }

    @PostMapping("/unfiled/{id}/file")
    @Operation(summary = "File an unfiled analyzer QC value again after its cause was fixed")
    QcValue file(@PathVariable long id) {
        return qc.refile(id);
    }

    @GetMapping("/status")
    @Operation(summary = "Is QC in control for a test on an analyzer (blank: manual method) at a time (default now)?")
    AnalyteQcStatus.Verdict status(@RequestParam String test, @RequestParam(required = false) String analyzer,
                                   @RequestParam(required = false) Instant at) {
        return status.status(test.strip(), analyzer == null || analyzer.isBlank() ? null : analyzer.strip(),
                at != null ? at : clock.instant());
    }

    @GetMapping("/lockouts")
    @Operation(summary = "Open lockouts, oldest first")
    List<QcLockout> lockouts() {
        return qc.openLockouts();
    }

    @GetMapping("/lockouts/{id}")
    @Operation(summary = "One lockout with its corrective actions")
    QcLockout lockout(@PathVariable long id) {
        return qc.lockout(id).orElseThrow(() -> new NotFoundException("QC lockout", id));
    }

    @GetMapping("/lockouts/{id}/affected")
    @Operation(summary = "Patient results of the test from the analyzer measured in the lockout's window, to review")
    List<LabResult> affected(@PathVariable long id) {
        return qc.affectedResults(lockout(id), MAX_AFFECTED);
    }

    @PostMapping("/lockouts/{id}/actions")
    @Operation(summary = "Record a corrective action; with an accepted run after the rejection the lockout ends")
    QcLockout correctiveAction(@PathVariable long id, @RequestBody CorrectiveActionInput input) {
        return qc.recordCorrectiveAction(id, input.action(), input.performedBy());
    }
}
