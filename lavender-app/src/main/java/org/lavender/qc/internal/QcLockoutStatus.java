package org.lavender.qc.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.lavender.qc.QcLockout;
import org.lavender.qc.internal.QcRepository.SeriesAt;
import org.lavender.qc.internal.QcRepository.Standing;
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
        return statuses(List.of(new Probe(testCode, instrument, measuredAt))).get(0);
    }

    /** The results of a message at once: one statement for all their series, plus one for corrective actions. */
    @Override
    @Transactional(readOnly = true)
    public List<Verdict> statuses(List<Probe> probes) {
        Instant now = clock.instant();
        List<SeriesAt> asked = probes.stream().map(p -> SeriesAt.of(p.testCode(), p.instrument(),
                p.measuredAt() == null ? now : p.measuredAt())).toList();
        Map<SeriesAt, Standing> standings = repository.standings(new LinkedHashSet<>(asked));
        return IntStream.range(0, probes.size())
                .mapToObj(i -> verdict(probes.get(i), standings.get(asked.get(i)))).toList();
    }

    private Verdict verdict(Probe probe, Standing standing) {
        String testCode = probe.testCode();
        String where = "QC " + testCode + " on " + QcService.where(probe.instrument());
        QcLockout l = standing.lockout();
        if (l != null) {
            if (l.open()) {
                return new Verdict(false, where + ": " + l.detail() + "; " + (l.actions().isEmpty()
                        ? "corrective action pending" : "corrective action recorded, acceptable QC pending"));
            }
            return new Verdict(false, where + ": measured while out of control (" + l.detail() + "; back in control "
                    + format(l.releasedRunAt()) + "): review before release");
        }
        if (!standing.monitored()) {
            return new Verdict(true, "QC: not monitored for " + testCode + " on " + QcService.where(probe.instrument())
                    + " (no control lot target) — treated as in control");
        }
        if (standing.lastRunAt() == null) {
            return new Verdict(true, where + ": in control (no QC run before this result yet)");
        }
        return new Verdict(true, where + ": in control (last run " + format(standing.lastRunAt()) + " "
                + standing.lastRunStatus().toLowerCase(Locale.ROOT) + ")");
    }

    private String format(Instant at) {
        return at == null ? "" : WHEN.format(at.atZone(clock.getZone()));
    }
}
