package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.results.AnalyteQcStatus;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class QcVerdictsTests {

    private static final Instant AT = Instant.parse("2026-11-25T08:00:00Z");

    @Test
    void withoutAnyHookQcIsNotMonitoredAndSaysSo() {
        var verdict = verdicts().of("K", "Generic HL7", AT);
        assertThat(verdict.inControl()).isTrue();
        assertThat(verdict.detail()).isEqualTo(QcVerdicts.NOT_MONITORED);
    }

    @Test
    void oneHookOutOfControlHoldsAndOnlyItsReasonIsShown() {
        List<String> asked = new ArrayList<>();
        AnalyteQcStatus westgard = (test, analyzer, at) -> {
            asked.add(test + "@" + analyzer);
            return new AnalyteQcStatus.Verdict(false, "QC lot DEMO-CHEM-1 rejected 2-2s");
        };
        AnalyteQcStatus calibration = (test, analyzer, at) -> new AnalyteQcStatus.Verdict(true, "calibration current");
        var verdict = verdicts(westgard, calibration).of("K", "A", AT);
        assertThat(verdict.inControl()).isFalse();
        assertThat(verdict.detail()).isEqualTo("QC lot DEMO-CHEM-1 rejected 2-2s");
        assertThat(asked).containsExactly("K@A");
    }

    @Test
    void allInControlJoinsTheirDetails() {
        AnalyteQcStatus a = (test, analyzer, at) -> new AnalyteQcStatus.Verdict(true, "QC accepted");
        AnalyteQcStatus b = (test, analyzer, at) -> new AnalyteQcStatus.Verdict(true, "calibration current");
        var verdict = verdicts(a, b).of("K", null, AT);
        assertThat(verdict.inControl()).isTrue();
        assertThat(verdict.detail()).contains("QC accepted").contains("calibration current");
    }

    @Test
    void theAnalyzerIsTakenFromTheActorThatFiledTheResult() {
        assertThat(QcVerdicts.analyzerOf("analyzer:Generic HL7")).isEqualTo("Generic HL7");
        assertThat(QcVerdicts.analyzerOf("tech")).isNull();
        assertThat(QcVerdicts.analyzerOf(null)).isNull();
    }

    private static QcVerdicts verdicts(AnalyteQcStatus... hooks) {
        var factory = new StaticListableBeanFactory();
        for (int i = 0; i < hooks.length; i++) {
            factory.addBean("hook" + i, hooks[i]);
        }
        return new QcVerdicts(factory.getBeanProvider(AnalyteQcStatus.class));
    }
}
