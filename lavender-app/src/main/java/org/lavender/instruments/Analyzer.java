package org.lavender.instruments;

/**
 * A configured analyzer. {@code loincCodes} says that it sends LOINC codes (OBX-3 {@code ^^LN},
 * R-3 {@code ^^^<LOINC>}), so a code that is a catalog test's LOINC needs no row in its code map.
 * {@code pushOrders}: a received tube's work is sent to it (HL7 OML^O21, ASTM O records) without a host query.
 * {@code specimenIdField}: where its results carry the tube's accession; {@code orderMessage}: the HL7 message its
 * pushed orders go out as.
 */
public record Analyzer(long id, String name, String model, String section, AnalyzerProtocol protocol,
                       Transport transport, String host, Integer port, String serialPort, String encoding,
                       boolean loincCodes, boolean active, int version, boolean pushOrders,
                       SpecimenIdField specimenIdField, OrderMessageType orderMessage) {

    public Analyzer {
        specimenIdField = specimenIdField == null ? SpecimenIdField.AUTO : specimenIdField;
        orderMessage = orderMessage == null ? OrderMessageType.OML_O21 : orderMessage;
    }

    /** An analyzer whose results carry the accession where its protocol usually does. */
    public Analyzer(long id, String name, String model, String section, AnalyzerProtocol protocol,
                    Transport transport, String host, Integer port, String serialPort, String encoding,
                    boolean loincCodes, boolean active, int version, boolean pushOrders) {
        this(id, name, model, section, protocol, transport, host, port, serialPort, encoding, loincCodes, active,
                version, pushOrders, SpecimenIdField.AUTO, OrderMessageType.OML_O21);
    }

    /** An analyzer that waits for host queries (no order push). */
    public Analyzer(long id, String name, String model, String section, AnalyzerProtocol protocol,
                    Transport transport, String host, Integer port, String serialPort, String encoding,
                    boolean loincCodes, boolean active, int version) {
        this(id, name, model, section, protocol, transport, host, port, serialPort, encoding, loincCodes, active,
                version, false);
    }

    /** What an auditor reads in the trail. */
    public String describe() {
        String where = switch (transport) {
            case TCP_SERVER -> "listening on port " + port;
            case TCP_CLIENT -> "connecting to " + host + ":" + port;
            case SERIAL -> "serial " + serialPort;
        };
        return name + " (" + (model == null ? "" : model + ", ") + protocol + ", " + where + ", " + encoding
                + (loincCodes ? ", LOINC codes" : "") + (pushOrders ? ", pushes orders" : "")
                + (specimenIdField == SpecimenIdField.AUTO ? "" : ", accession in " + specimenIdField.field())
                + (orderMessage == OrderMessageType.OML_O21 ? "" : ", orders as ORM^O01")
                + (active ? "" : ", inactive") + ")";
    }
}
