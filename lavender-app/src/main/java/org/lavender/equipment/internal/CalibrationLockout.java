package org.lavender.equipment.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.equipment.CalibrationStatus;
import org.lavender.equipment.DueState;
import org.lavender.equipment.ReagentInUse;
import org.lavender.results.AnalyteQcStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Autoverification asks before releasing a result: was the analyzer calibrated for this test when it measured it?
 * A calibration of the test (or of the whole analyzer) that was overdue or had failed at that moment holds the result
 * for a person (CLIA 42 CFR 493.1255; CLSI AUTO10). So does a reagent unit for the test that was loaded past its
 * expiry or on-board stability (42 CFR 493.1252(d)). Values entered by hand and analyzers without an asset are not
 * judged here.
 */
@Component
class CalibrationLockout implements AnalyteQcStatus {

    private static final Verdict BY_HAND = new Verdict(true, "calibration: no analyzer (entered by hand)");

    private final UpkeepRepository upkeep;
    private final ReagentRepository reagents;
    private final Clock clock;

    CalibrationLockout(UpkeepRepository upkeep, ReagentRepository reagents, Clock clock) {
        this.upkeep = upkeep;
        this.reagents = reagents;
        this.clock = clock;
    }

    @Override
    @Transactional(readOnly = true)
    public Verdict status(String testCode, String instrument, Instant measuredAt) {
        return statuses(List.of(new Probe(testCode, instrument, measuredAt))).get(0);
    }

    /** The results of a message at once: one statement for the calibration plans, one for the reagents. */
    @Override
    @Transactional(readOnly = true)
    public List<Verdict> statuses(List<Probe> probes) {
        Instant now = clock.instant();
        List<AnalyteAt> asked = probes.stream().map(p -> p.instrument() == null ? null
                : new AnalyteAt(p.instrument(), p.testCode(), p.measuredAt() == null ? now : p.measuredAt())).toList();
        Set<AnalyteAt> questions = asked.stream().filter(Objects::nonNull)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Map<AnalyteAt, List<PlanRow>> plans = upkeep.plansCovering(questions);
        Map<AnalyteAt, List<ReagentInUse>> unstable = reagents.unstableAt(questions);
        return asked.stream().map(a -> a == null ? BY_HAND
                : verdict(a, plans.getOrDefault(a, List.of()), unstable.getOrDefault(a, List.of()))).toList();
    }

    private Verdict verdict(AnalyteAt asked, List<PlanRow> plans, List<ReagentInUse> unstable) {
        String testCode = asked.testCode();
        String instrument = asked.analyzerName();
        Instant at = asked.at();
        List<String> held = new ArrayList<>();
        plans.stream().filter(p -> p.status(at, clock.getZone()).state() == DueState.OVERDUE)
                .map(p -> text(p, at, testCode, instrument)).forEach(held::add);
        unstable.stream().map(this::unstable).forEach(held::add);
        if (!held.isEmpty()) {
            return new Verdict(false, String.join("; ", held));
        }
        if (plans.isEmpty()) {
            return new Verdict(true, "calibration of " + testCode + " on " + instrument + ": no calibration plan");
        }
        return new Verdict(true, plans.stream().map(p -> text(p, at, testCode, instrument))
                .collect(Collectors.joining("; ")));
    }

    private String unstable(ReagentInUse unit) {
        boolean expired = !unit.stableUntil().isBefore(unit.expiresOn().plusDays(1).atStartOfDay(clock.getZone())
                .toInstant());
        return "reagent " + unit.reagentName() + " lot " + unit.lotNumber() + " on " + unit.assetName() + " past "
                + (expired ? "its expiry date " + unit.expiresOn()
                : "on-board stability since " + unit.stableUntil().atZone(clock.getZone()).toLocalDateTime()
                        .truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
    }

    private String text(PlanRow plan, Instant at, String testCode, String instrument) {
        CalibrationStatus status = plan.status(at, clock.getZone());
        return status.text(plan.testCode() == null ? "all tests (for " + testCode + ")" : testCode, instrument);
    }
}
