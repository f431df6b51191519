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

    private final ObjectProvider<AnalyteQcStatus> provider;
    private volatile List<AnalyteQcStatus> hooks;

    QcVerdicts(ObjectProvider<AnalyteQcStatus> provider) {
        this.provider = provider;
    }

    /** The hooks, looked up once (the lookup sorts beans; it was a tenth of filing time when done per result). */
    private List<AnalyteQcStatus> hooks() {
        List<AnalyteQcStatus> found = hooks;
        if (found == null) {
            found = provider.orderedStream().toList();
            hooks = found;
        }
        return found;
    }

    AnalyteQcStatus.Verdict of(LabResult result, Instant judgedAt) {
        Instant measuredAt = result.resultedAt() != null ? result.resultedAt() : judgedAt;
        return of(result.testCode(), analyzerOf(result.resultedBy()), measuredAt);
    }

    AnalyteQcStatus.Verdict of(String testCode, String analyzer, Instant measuredAt) {
        return combine(hooks().stream().map(hook -> hook.status(testCode, analyzer, measuredAt)).toList());
    }

    /** The verdicts of several results at once (each hook asked once for all), in the order given. */
    List<AnalyteQcStatus.Verdict> of(List<LabResult> results, Instant judgedAt) {
        List<AnalyteQcStatus.Probe> probes = results.stream().map(r -> new AnalyteQcStatus.Probe(r.testCode(),
                analyzerOf(r.resultedBy()), r.resultedAt() != null ? r.resultedAt() : judgedAt)).toList();
        List<List<AnalyteQcStatus.Verdict>> answers = hooks().stream().map(hook -> hook.statuses(probes))
                .toList();
        List<AnalyteQcStatus.Verdict> combined = new java.util.ArrayList<>(probes.size());
        for (int i = 0; i < probes.size(); i++) {
            int at = i;
            combined.add(combine(answers.stream().map(a -> a.get(at)).toList()));
        }
        return combined;
    }

    private static AnalyteQcStatus.Verdict combine(List<AnalyteQcStatus.Verdict> verdicts) {
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
