package org.lavender.results.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.results.CriticalResultDetected;
import org.lavender.results.LabResult;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Critical value notification. CLIA 42 CFR 493.1291(g) requires the lab to alert the responsible provider immediately
 * when a result crosses a panic limit; CAP and Joint Commission NPSG.02.03.01 ask for documented calls with read-back.
 * A critical result opens a call task due within the lab's deadline (default 30 min,
 * {@code lavender.results.critical-call-minutes}); every attempt is logged; the task is done only when the receiver
 * read the result back; a task past its deadline is marked overdue and escalated to the supervisor's queue.
 */
@Service
class CriticalCalls {

    private final CriticalCallRepository calls;
    private final ResultRepository results;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration deadline;

    CriticalCalls(CriticalCallRepository calls, ResultRepository results, AuditLog audit, Clock clock,
                  @Value("${lavender.results.critical-call-minutes:30}") int deadlineMinutes) {
        if (deadlineMinutes < 1) {
            throw new IllegalStateException("lavender.results.critical-call-minutes must be at least 1");
        }
        this.calls = calls;
        this.results = results;
        this.audit = audit;
        this.clock = clock;
        this.deadline = Duration.ofMinutes(deadlineMinutes);
    }

    @ApplicationModuleListener
    void on(CriticalResultDetected detected) {
        LabResult r = results.find(detected.resultId()).orElseThrow().result();
        var open = calls.openFor(r.id());
        if (open.isPresent()) {
            calls.updateValue(open.get(), detected.value(), detected.interpretation().name());
            audit.record("system", AuditEvent.of("UPDATE", "critical-call", open.get(), null,
                    r.testName() + " " + detected.value() + " [" + detected.interpretation() + "]",
                    "new critical value while the call was open"));
            return;
        }
        Instant now = clock.instant();
        long id = calls.open(r.id(), r.patientId(), r.accession(), r.testName(), detected.value(), r.unit(),
                detected.interpretation().name(), now, now.plus(deadline));
        audit.record("system", AuditEvent.created("critical-call", id, r.accession() + " " + r.testName() + " "
                + detected.value() + " [" + detected.interpretation() + "] due " + now.plus(deadline)));
    }

    /** A call attempt; the task is done when the receiver was reached and read the result back. */
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    CriticalCall recordAttempt(long callId, String recipient, String contact, boolean reached, Boolean readBack,
                               String note) {
        if (recipient == null || recipient.isBlank()) {
            throw new InvalidInputException("recipient", "Who was called (name and role)?");
        }
        if (contact == null || contact.isBlank()) {
            throw new InvalidInputException("contact", "Which phone number or location was called?");
        }
        if (reached && readBack == null) {
            throw new InvalidInputException("readBack", "Say whether the receiver read the result back");
        }
        if (recipient.length() > 200 || contact.length() > 200 || note != null && note.length() > 2000) {
            throw new InvalidInputException("note", "Recipient and contact at most 200 characters, note 2000");
        }
        CriticalCall call = calls.findForUpdate(callId).orElseThrow(() -> new NotFoundException("Critical call", callId));
        if ("DONE".equals(call.status())) {
            throw new ConflictException("The call for " + call.testName() + " on " + call.accession()
                    + " is already documented as done");
        }
        String user = ResultService.currentUser();
        Instant now = clock.instant();
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        calls.addAttempt(callId, now, user, recipient.strip(), contact.strip(), reached, reached ? readBack : null,
                cleanNote);
        boolean done = reached && Boolean.TRUE.equals(readBack);
        String outcome = !reached ? "not reached" : done ? "reached, read back" : "reached, read-back NOT confirmed";
        audit.record(AuditEvent.of("CALL", "critical-call", callId, call.status(), (done ? "DONE " : call.status() + " ")
                + "called " + recipient.strip() + " at " + contact.strip() + ": " + outcome, cleanNote));
        if (done) {
            calls.complete(callId, now, user);
        }
        return calls.findForUpdate(callId).orElseThrow();
    }

    @Transactional
    List<CriticalCall> queue(Instant afterDeadline, Long afterId, int size) {
        escalateOverdue();
        return calls.queue(afterDeadline, afterId, size);
    }

    @Transactional(readOnly = true)
    List<CriticalCall> doneToday() {
        return calls.doneSince(clock.instant().minus(Duration.ofHours(24)), 100);
    }

    @Transactional(readOnly = true)
    List<CriticalCall> forResult(long resultId) {
        return calls.forResult(resultId);
    }

    /** Every minute: open calls past their deadline become overdue, escalated to the supervisor (audited). */
    @Scheduled(fixedDelayString = "${lavender.results.critical-escalation-ms:60000}")
    @Transactional
    public void escalateOverdue() {
        for (CriticalCall c : calls.escalate(clock.instant())) {
            audit.record("system", AuditEvent.of("ESCALATE", "critical-call", c.id(), "OPEN", "OVERDUE",
                    c.testName() + " " + c.valueText() + " on " + c.accession() + " not called back within "
                            + deadline.toMinutes() + " min; escalated to the supervisor"));
        }
    }

    Duration deadline() {
        return deadline;
    }
}
