package org.lavender.specimens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.shared.Priority;

class LabelContentTests {

    @Test
    void testsThatDoNotFitAreCounted() {
        var c = new LabelContent("x", "n", "m", LocalDate.of(2000, 1, 1), "SST", null, null, "serum",
                List.of("NA", "K", "CL", "CO2", "BUN", "CREA", "GLU", "CA"), Priority.ROUTINE);
        assertThat(c.testsLine(100)).isEqualTo("NA K CL CO2 BUN CREA GLU CA");
        assertThat(c.testsLine(16)).isEqualTo("NA K CL CO2 +4");
        assertThat(c.testsLine(16).length()).isLessThanOrEqualTo(16);
        assertThat(c.containerLine()).isEqualTo("SST serum");
    }
}
