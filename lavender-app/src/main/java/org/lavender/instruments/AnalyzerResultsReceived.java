package org.lavender.instruments;

import java.util.List;

/**
 * Analyzer messages measured patient specimens: file each tube's results. One event per filing transaction, which
 * files one or more stored messages together; the results module files every tube in that same transaction and
 * reports each tube's outcomes through {@link InstrumentFilings#settle}. Tubes are listed in the order their
 * messages were stored, so a re-run sent later replaces the earlier value, never the other way round.
 */
public record AnalyzerResultsReceived(List<SpecimenResultsReceived> tubes) {

    public AnalyzerResultsReceived {
        tubes = List.copyOf(tubes);
    }
}
