package org.lavender.instruments;

/** Who opens the connection. */
public enum Transport {
    /** Lavender listens on a port; the analyzer connects. */
    TCP_SERVER,
    /** Lavender connects to the analyzer's host and port. */
    TCP_CLIENT,
    /** RS-232 through a serial port (jSerialComm), e.g. {@code /dev/ttyUSB0@9600,8N1}. */
    SERIAL
}
