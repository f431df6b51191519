package org.lavender.specimens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lavender.specimens.SpecimenStatus.CANCELLED;
import static org.lavender.specimens.SpecimenStatus.COLLECTED;
import static org.lavender.specimens.SpecimenStatus.ORDERED;
import static org.lavender.specimens.SpecimenStatus.RECEIVED;
import static org.lavender.specimens.SpecimenStatus.REJECTED;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SpecimenStatusTests {

    @Test
    void aTubeIsDrawnThenReceived() {
        assertThat(ORDERED.canBecome(COLLECTED)).isTrue();
        assertThat(COLLECTED.canBecome(RECEIVED)).isTrue();
        assertThat(ORDERED.canBecome(RECEIVED)).as("received without a recorded draw").isTrue();
        assertThat(RECEIVED.canBecome(COLLECTED)).isFalse();
        assertThat(COLLECTED.canBecome(ORDERED)).isFalse();
    }

    @Test
    void rejectionIsPossibleUntilTheTubeIsFinal() {
        assertThat(ORDERED.canBecome(REJECTED)).isTrue();
        assertThat(COLLECTED.canBecome(REJECTED)).isTrue();
        assertThat(RECEIVED.canBecome(REJECTED)).as("hemolysis seen after centrifugation").isTrue();
        assertThat(REJECTED.canBecome(REJECTED)).isFalse();
        assertThat(CANCELLED.canBecome(REJECTED)).isFalse();
    }

    @Test
    void onlyTubesNotYetInTheLabAreCancelled() {
        assertThat(ORDERED.canBecome(CANCELLED)).isTrue();
        assertThat(COLLECTED.canBecome(CANCELLED)).isTrue();
        assertThat(RECEIVED.canBecome(CANCELLED)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SpecimenStatus.class, names = {"REJECTED", "CANCELLED"})
    void rejectedAndCancelledAreFinal(SpecimenStatus status) {
        assertThat(status.next()).isEmpty();
        assertThat(status.active()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(SpecimenStatus.class)
    void noStatusMovesToItself(SpecimenStatus status) {
        assertThat(status.canBecome(status)).isFalse();
    }
}
