package org.lavender.instruments;

/** What an administrator enters for an analyzer; checked by the service. */
public record AnalyzerSettings(String name, String model, String section, AnalyzerProtocol protocol,
                               Transport transport, String host, Integer port, String serialPort, String encoding,
                               boolean loincCodes, boolean active) {
}
