package org.lavender.patients;

/** An identifier and the authority that assigned it (FHIR Identifier.system, HL7 PID-3 CX.4). */
public record PatientIdentifier(String system, String value) {

    /** The lab's own medical record number authority. */
    public static final String MRN_SYSTEM = "urn:lavender:mrn";
}
