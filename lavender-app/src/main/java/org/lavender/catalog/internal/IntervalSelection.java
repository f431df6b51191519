package org.lavender.catalog.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the band that applies to one patient at one time: among the bands in effect that cover the
 * patient's sex and age, a band of the analyzer that measured the value (its method, CLSI EP28) beats a band of
 * every method, then an exact sex band beats an "any" band, then the narrower age band wins (a paediatric band
 * over an all-ages band), then the most recently effective version. Where the analyzer's own bands do not cover
 * the patient, the bands of every method apply.
 */
final class IntervalSelection {

    private static final Comparator<IntervalBand> MOST_SPECIFIC_FIRST = Comparator
            .comparing((IntervalBand b) -> b.analyzer() == null)
            .thenComparing(b -> b.sex().equals(IntervalBand.ANY))
            .thenComparingLong(IntervalBand::ageWidth)
            .thenComparing(IntervalBand::effectiveFrom, Comparator.reverseOrder());

    private IntervalSelection() {
    }

    /** {@code analyzer}: the analyzer that measured the value, or null (manual entry, calculated). */
    static Optional<IntervalBand> choose(List<IntervalBand> bands, String sexCode, long ageDays, Instant at,
                                         String analyzer) {
        return bands.stream()
                .filter(b -> b.inEffectAt(at) && b.covers(sexCode, ageDays) && b.appliesTo(analyzer))
                .min(MOST_SPECIFIC_FIRST);
    }
}
