package org.lavender.shared;

/**
 * Result interpretation flags, the same codes in HL7 v2 OBX-8 (table 0078) and FHIR
 * (http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation).
 */
public enum Interpretation {
    N("Normal", false, false),
    L("Low", true, false),
    H("High", true, false),
    LL("Critical low", true, true),
    HH("Critical high", true, true),
    A("Abnormal", true, false),
    AA("Critical abnormal", true, true);

    public static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";

    private final String display;
    private final boolean abnormal;
    private final boolean critical;

    Interpretation(String display, boolean abnormal, boolean critical) {
        this.display = display;
        this.abnormal = abnormal;
        this.critical = critical;
    }

    public String display() {
        return display;
    }

    public boolean abnormal() {
        return abnormal;
    }

    public boolean critical() {
        return critical;
    }
}
