package org.lavender.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every {@link AnalyteQcStatus} owes results: a message asked at once gets the verdicts asked one by one. */
public final class AnalyteQcStatusContract {

    private AnalyteQcStatusContract() {
    }

    /** In the order asked, in either order, and nothing for an empty message. */
    public static void answersAtOnceAsOneByOne(AnalyteQcStatus hook, List<AnalyteQcStatus.Probe> probes,
                                               List<AnalyteQcStatus.Verdict> expected) {
        assertThat(hook.statuses(probes)).containsExactlyElementsOf(expected);
        assertThat(probes.stream().map(p -> hook.status(p.testCode(), p.instrument(), p.measuredAt())).toList())
                .containsExactlyElementsOf(expected);
        var reversedProbes = new ArrayList<>(probes);
        var reversedVerdicts = new ArrayList<>(expected);
        Collections.reverse(reversedProbes);
        Collections.reverse(reversedVerdicts);
        assertThat(hook.statuses(reversedProbes)).containsExactlyElementsOf(reversedVerdicts);
        assertThat(hook.statuses(List.of())).isEmpty();
    }
}
