package org.lavender.instruments;

import java.time.Instant;
import java.util.List;

/**
 * What one analyzer message measured on one patient specimen: file each of {@code results} (values already in the
 * catalog unit) on the tube {@code accession}, and report every outcome at once through
 * {@link InstrumentFilings#settle}. Part of {@link AnalyzerResultsReceived}; results are listed in message order.
 */
public record SpecimenResultsReceived(long rawMessageId, String analyzer, String accession,
                                      List<Measured> results) {

    public SpecimenResultsReceived {
        results = List.copyOf(results);
    }

    /**
     * One measurement: {@code seq} is its position in the message (what the outcome names), {@code
     * instrumentFlags} the analyzer's own flags (OBX-8, R-7), kept for reference; the results module flags the
     * value itself.
     */
    public record Measured(int seq, String testCode, String valueText, String unit, List<String> instrumentFlags,
                           Instant observedAt) {

        public Measured {
            instrumentFlags = List.copyOf(instrumentFlags);
        }
    }

    /** The actor recorded in results and the audit trail. */
    public String actor() {
        return "analyzer:" + analyzer;
    }
}
