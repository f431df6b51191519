package org.lavender.instruments;

import java.time.Instant;
import java.util.List;

/**
 * An analyzer measured a patient specimen: file {@code valueText} (already in the catalog unit) for
 * {@code testCode} on the specimen {@code accession}. {@code instrumentFlags} are the analyzer's own flags
 * (OBX-8, R-7), kept for reference; the results module flags the value itself. Report the outcome for
 * {@code observationId} through {@link InstrumentFilings}.
 */
public record InstrumentResultReceived(long observationId, long rawMessageId, String analyzer, String accession,
                                       String testCode, String valueText, String unit, List<String> instrumentFlags,
                                       Instant observedAt) {

    public InstrumentResultReceived {
        instrumentFlags = List.copyOf(instrumentFlags);
    }

    /** The actor recorded in results and the audit trail. */
    public String actor() {
        return "analyzer:" + analyzer;
    }
}
