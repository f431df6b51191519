package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.lavender.shared.InvalidInputException;

class SerialSettingsTests {

    @Test
    void aBareDeviceIsTheLis1aDefaultOf9600Baud8N1() {
        assertThat(SerialSettings.parse("/dev/ttyUSB0")).isEqualTo(new SerialSettings("/dev/ttyUSB0", 9600, 8, 'N', 1));
    }

    @Test
    void baudAndFrameAreReadFromTheUsualShorthand() {
        assertThat(SerialSettings.parse(" COM3@19200,7e2 ")).isEqualTo(new SerialSettings("COM3", 19200, 7, 'E', 2));
        assertThat(SerialSettings.parse("/dev/ttyS1@2400")).isEqualTo(new SerialSettings("/dev/ttyS1", 2400, 8, 'N', 1));
        assertThat(SerialSettings.parse("/dev/ttyS1@9600,8N1").toString()).isEqualTo("/dev/ttyS1 9600 8N1");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"/dev/tty S0", "/dev/ttyS0@", "/dev/ttyS0@9600,9N1", "/dev/ttyS0@9600,8X1",
            "/dev/ttyS0@9600,8N3", "/dev/ttyS0@abc", "@9600", "/dev/ttyS0@9600,8N1;rm -rf /"})
    void malformedLinesAreRefusedWithTheExpectedForm(String text) {
        assertThatThrownBy(() -> SerialSettings.parse(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("device[@baud[,8N1]]");
    }

    @Test
    void aNonStandardBaudRateIsRefused() {
        assertThatThrownBy(() -> SerialSettings.parse("/dev/ttyS0@12345")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a standard RS-232 rate");
    }
}
