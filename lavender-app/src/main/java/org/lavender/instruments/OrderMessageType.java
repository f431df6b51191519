package org.lavender.instruments;

/**
 * The HL7 message a pushed order goes out as. OML^O21 (v2.5.1, laboratory order with the specimen in SPM) is the
 * default; analyzers that speak only v2.3.x know the general order message ORM^O01, with the specimen source in
 * OBR-15. ASTM analyzers get LIS2-A2 O records whatever this says.
 */
public enum OrderMessageType {

    OML_O21("OML^O21 (HL7 2.5.1)"),
    ORM_O01("ORM^O01 (HL7 2.3.1, older analyzers)");

    private final String label;

    OrderMessageType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
