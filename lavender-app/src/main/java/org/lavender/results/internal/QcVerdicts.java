package org.lavender.results.internal;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Asks every {@link AnalyteQcStatus} (QC lockout from the qc module, overdue calibration from equipment) whether
 * the analyte was in control on the analyzer that measured the result. Out of control if any says so; with none
 * answering, QC is "not monitored" and treated as in control, visibly (CLSI AUTO10).
 */
@Component
class QcVerdicts {

    static final String NOT_MONITORED = "QC: not monitored (no qc module) — treated as in control";
    private static final String ANALYZER_ACTOR = "analyzer:";

    private final ObjectProvider<AnalyteQcStatus> hooks;

    QcVerdicts(ObjectProvider<AnalyteQcStatus> hooks) {
        this.hooks = hooks;
    }

    AnalyteQcStatus.Verdict of(LabResult result, Instant judgedAt) {
        Instant measuredAt = result.resultedAt() != null ? result.resultedAt() : judgedAt;
        return of(result.testCode(), analyzerOf(result.resultedBy()), measuredAt);
    }

    AnalyteQcStatus.Verdict of(String testCode, String analyzer, Instant measuredAt) {
        List<AnalyteQcStatus.Verdict> verdicts = hooks.orderedStream()
                .map(hook -> hook.status(testCode, analyzer, measuredAt))
                .toList();
        if (verdicts.isEmpty()) {
            return new AnalyteQcStatus.Verdict(true, NOT_MONITORED);
        }
        List<AnalyteQcStatus.Verdict> out = verdicts.stream().filter(v -> !v.inControl()).toList();
        List<AnalyteQcStatus.Verdict> reported = out.isEmpty() ? verdicts : out;
        return new AnalyteQcStatus.Verdict(out.isEmpty(), reported.stream().map(AnalyteQcStatus.Verdict::detail)
                .collect(Collectors.joining("; ")));
    }

    /** The analyzer that sent the value ("analyzer:Generic HL7"), or null for a value entered by hand. */
    static String analyzerOf(String resultedBy) {
        return resultedBy != null && resultedBy.startsWith(ANALYZER_ACTOR)
                ? resultedBy.substring(ANALYZER_ACTOR.length()) : null;
    }
}
