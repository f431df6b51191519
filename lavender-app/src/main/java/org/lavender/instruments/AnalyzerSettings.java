package org.lavender.instruments;

/**
 * What an administrator enters for an analyzer; checked by the service. {@code pushOrders}: send a received tube's
 * work to the analyzer (HL7 OML^O21 or ORM^O01 as {@code orderMessage} says, ASTM O records) instead of waiting for
 * its host query. {@code specimenIdField}: where its results carry the tube's accession (null:
 * {@link SpecimenIdField#AUTO}); {@code orderMessage} null: {@link OrderMessageType#OML_O21}.
 */
public record AnalyzerSettings(String name, String model, String section, AnalyzerProtocol protocol,
                               Transport transport, String host, Integer port, String serialPort, String encoding,
                               boolean loincCodes, boolean active, boolean pushOrders,
                               SpecimenIdField specimenIdField, OrderMessageType orderMessage) {

    /** Settings of an analyzer that takes pushed HL7 orders as OML^O21. */
    public AnalyzerSettings(String name, String model, String section, AnalyzerProtocol protocol,
                            Transport transport, String host, Integer port, String serialPort, String encoding,
                            boolean loincCodes, boolean active, boolean pushOrders, SpecimenIdField specimenIdField) {
        this(name, model, section, protocol, transport, host, port, serialPort, encoding, loincCodes, active,
                pushOrders, specimenIdField, OrderMessageType.OML_O21);
    }

    /** Settings of an analyzer whose results carry the accession where its protocol usually does. */
    public AnalyzerSettings(String name, String model, String section, AnalyzerProtocol protocol,
                            Transport transport, String host, Integer port, String serialPort, String encoding,
                            boolean loincCodes, boolean active, boolean pushOrders) {
        this(name, model, section, protocol, transport, host, port, serialPort, encoding, loincCodes, active,
                pushOrders, SpecimenIdField.AUTO, OrderMessageType.OML_O21);
    }

    /** Settings of an analyzer that waits for host queries (no order push). */
    public AnalyzerSettings(String name, String model, String section, AnalyzerProtocol protocol,
                            Transport transport, String host, Integer port, String serialPort, String encoding,
                            boolean loincCodes, boolean active) {
        this(name, model, section, protocol, transport, host, port, serialPort, encoding, loincCodes, active, false);
    }
}
