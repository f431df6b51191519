package org.lavender.instruments;

/**
 * Where an analyzer puts the tube's barcode (the accession) in the results it sends. Interfaces differ by vendor:
 * IHE LAW and HL7 2.5.1 put it in SPM-2, many analyzers in OBR-3 (filler order number) or OBR-2 (placer order
 * number); LIS2-A2 in O-3 (specimen ID), some instruments only in O-4 (instrument specimen ID). A configured field
 * is read alone, never guessed from another, so a tube is never found by the wrong number.
 */
public enum SpecimenIdField {

    /** HL7 SPM-2 when the message has an SPM segment, else OBR-3; ASTM O-3. */
    AUTO("automatic: HL7 SPM-2, else OBR-3; ASTM O-3", null),
    SPM_2("SPM-2 (specimen ID)", AnalyzerProtocol.HL7),
    OBR_3("OBR-3 (filler order number)", AnalyzerProtocol.HL7),
    OBR_2("OBR-2 (placer order number)", AnalyzerProtocol.HL7),
    O_3("O-3 (specimen ID)", AnalyzerProtocol.ASTM),
    O_4("O-4 (instrument specimen ID)", AnalyzerProtocol.ASTM);

    private final String label;
    private final AnalyzerProtocol protocol;

    SpecimenIdField(String label, AnalyzerProtocol protocol) {
        this.label = label;
        this.protocol = protocol;
    }

    public String label() {
        return label;
    }

    /** The field exists in the messages of this protocol. */
    public boolean fits(AnalyzerProtocol p) {
        return protocol == null || protocol == p;
    }

    /** "OBR-2", as shown in a dead letter's reason. */
    public String field() {
        return this == AUTO ? "SPM-2/OBR-3, ASTM O-3" : name().replace('_', '-');
    }
}
