package org.lavender.equipment.internal;

import java.time.Instant;
import java.util.List;

/**
 * One question of an analyzer message: a test on an analyzer (named as the message named it) at the moment a result
 * was measured. A batch of them is bound as the table {@link #TABLE} in one statement.
 */
record AnalyteAt(String analyzerName, String testCode, Instant at) {

    /** The questions as rows k(analyzer_name, test_code, measured_at, i), i numbering them from 1. */
    static final String TABLE = "unnest(cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]))"
            + " with ordinality as k(analyzer_name, test_code, measured_at, i)";

    /** The parameters of {@link #TABLE} for the questions, in order. */
    static Object[] columns(List<AnalyteAt> asked) {
        return new Object[] {asked.stream().map(AnalyteAt::analyzerName).toArray(String[]::new),
                asked.stream().map(AnalyteAt::testCode).toArray(String[]::new),
                asked.stream().map(a -> a.at().toString()).toArray(String[]::new)};
    }
}
