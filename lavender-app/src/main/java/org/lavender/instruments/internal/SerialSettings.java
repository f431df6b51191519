package org.lavender.instruments.internal;

import com.fazecast.jSerialComm.SerialPort;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavender.shared.InvalidInputException;

/**
 * An RS-232 line as the lab writes it on the analyzer form: the device, then optionally {@code @baud} and the frame
 * in the usual data-bits/parity/stop-bits shorthand, e.g. {@code /dev/ttyUSB0@9600,8N1} or {@code COM3@19200,7E1}.
 * Without them the line is 9600 8N1, the LIS1-A (CLSI) recommendation most analyzers ship with.
 */
record SerialSettings(String device, int baud, int dataBits, char parity, int stopBits) {

    private static final Pattern FORM = Pattern.compile("([^@\\s]+)(?:@(\\d{3,7})(?:,([5-8])([NOE])([12]))?)?",
            Pattern.CASE_INSENSITIVE);
    private static final int[] BAUDS = {300, 600, 1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200};

    static SerialSettings parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new InvalidInputException("serialPort", "Write the serial port as device[@baud[,8N1]], e.g. "
                    + "/dev/ttyUSB0@9600,8N1 or COM3");
        }
        int baud = m.group(2) == null ? 9600 : Integer.parseInt(m.group(2));
        if (java.util.Arrays.stream(BAUDS).noneMatch(b -> b == baud)) {
            throw new InvalidInputException("serialPort", "Baud rate " + baud + " is not a standard RS-232 rate ("
                    + java.util.Arrays.toString(BAUDS) + ")");
        }
        if (m.group(3) == null) {
            return new SerialSettings(m.group(1), baud, 8, 'N', 1);
        }
        return new SerialSettings(m.group(1), baud, Integer.parseInt(m.group(3)),
                Character.toUpperCase(m.group(4).charAt(0)),
                Integer.parseInt(m.group(5)));
    }

    int jSerialCommParity() {
        return switch (parity) {
            case 'O' -> SerialPort.ODD_PARITY;
            case 'E' -> SerialPort.EVEN_PARITY;
            default -> SerialPort.NO_PARITY;
        };
    }

    int jSerialCommStopBits() {
        return stopBits == 2 ? SerialPort.TWO_STOP_BITS : SerialPort.ONE_STOP_BIT;
    }

    @Override
    public String toString() {
        return device + " " + baud + " " + dataBits + parity + stopBits;
    }
}
