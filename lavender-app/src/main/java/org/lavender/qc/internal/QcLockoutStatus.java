package org.lavender.qc.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.lavender.qc.QcLockout;
import org.lavender.results.AnalyteQcStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * QC lockout for autoverification (CLSI AUTO10, clinical reference §5 rule 2): a patient result of test T measured
 * at t on analyzer A is held while T on A is locked out after a rejected run and t is at or after the last accepted
 * run before the rejection. A result measured in the out-of-control window of a lockout that has since ended stays
 * held too: it was measured while QC was bad and needs a person's review.
 */
@Component
class QcLockoutStatus implements AnalyteQcStatus {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final QcRepository repository;
    private final Clock clock;

    QcLockoutStatus(QcRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Verdict status(String testCode, String instrument, Instant measuredAt) {
        String where = "QC " + testCode + " on " + QcService.where(instrument);
        Optional<QcLockout> lockout = repository.lockoutCovering(testCode, instrument, measuredAt);
        if (lockout.isPresent()) {
            QcLockout l = lockout.get();
            if (l.open()) {
                return new Verdict(false, where + ": " + l.detail() + "; " + (l.actions().isEmpty()
                        ? "corrective action pending" : "corrective action recorded, acceptable QC pending"));
            }
            return new Verdict(false, where + ": measured while out of control (" + l.detail() + "; back in control "
                    + format(l.releasedRunAt()) + "): review before release");
        }
        if (!repository.monitored(testCode, instrument)) {
            return new Verdict(true, "QC: not monitored for " + testCode + " on " + QcService.where(instrument)
                    + " (no control lot target) — treated as in control");
        }
        return repository.lastRunAtOrBefore(testCode, instrument, measuredAt)
                .map(r -> new Verdict(true, where + ": in control (last run " + format(r.startedAt()) + " "
                        + r.status().toLowerCase(java.util.Locale.ROOT) + ")"))
                .orElseGet(() -> new Verdict(true, where + ": in control (no QC run before this result yet)"));
    }

    private String format(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(clock.getZone()));
    }
}
