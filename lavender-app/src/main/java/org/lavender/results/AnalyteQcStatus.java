package org.lavender.results;

import java.time.Instant;
import java.util.List;

/**
 * Asked by autoverification before a result is released without a person (CLSI AUTO10): is QC for this analyte on
 * this analyzer in control, i.e. no rejection rule violated since the last accepted run? The qc module implements
 * it; while no implementation exists, results records "QC: not monitored" and treats QC as in control, visibly.
 */
public interface AnalyteQcStatus {

    /** @param instrument the analyzer that measured the result, or null for a value entered by hand */
    Verdict status(String testCode, String instrument, Instant measuredAt);

    /**
     * The same question for the results of one analyzer message at once, answered in the order asked. The default
     * asks one by one; an implementation answers a batch with a few queries, so filing stays fast.
     */
    default List<Verdict> statuses(List<Probe> probes) {
        return probes.stream().map(p -> status(p.testCode(), p.instrument(), p.measuredAt())).toList();
    }

    /** One question: a test, the analyzer that measured it (null: entered by hand), when it was measured. */
    record Probe(String testCode, String instrument, Instant measuredAt) {
    }

    /** In control or not, with the sentence recorded with the result ("QC lot DEMO-CHEM-1 rejected 2-2s"). */
    record Verdict(boolean inControl, String detail) {
    }
}
