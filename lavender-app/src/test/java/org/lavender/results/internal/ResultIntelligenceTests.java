package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultIntelligenceTests {

    @Test
    void analyzerInterpretationFlagsAreNotErrorFlags() {
        assertThat(ResultIntelligence.errorFlags(List.of("H", " ", "N"))).isNull();
        assertThat(ResultIntelligence.errorFlags(List.of())).isNull();
        assertThat(ResultIntelligence.errorFlags(List.of("HH", "W", ">"))).isEqualTo("W >");
    }

    @Test
    void analyteNamesReadAsInASentence() {
        assertThat(ResultIntelligence.analyte("Creatinine")).isEqualTo("creatinine");
        assertThat(ResultIntelligence.analyte("MCV")).isEqualTo("MCV");
    }
}
