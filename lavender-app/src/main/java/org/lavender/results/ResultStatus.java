package org.lavender.results;

/** Result life cycle; the FHIR Observation.status code of each is given. */
public enum ResultStatus {
    /** Tube received, no value yet (FHIR registered). */
    PENDING("registered"),
    /** Value entered, waiting for verification (FHIR preliminary). */
    PRELIMINARY("preliminary"),
    /** Released: verified by a person or by autoverification (FHIR final). */
    FINAL("final"),
    /** Changed after release; the previous value is kept (FHIR corrected). */
    CORRECTED("corrected"),
    /** Not done: specimen rejected or test cancelled (FHIR cancelled). */
    CANCELLED("cancelled");

    private final String fhir;

    ResultStatus(String fhir) {
        this.fhir = fhir;
    }

    public String fhir() {
        return fhir;
    }

    public boolean released() {
        return this == FINAL || this == CORRECTED;
    }

    /** Still on a worklist: waiting for a value or for its verification. */
    public boolean open() {
        return this == PENDING || this == PRELIMINARY;
    }

    public static ResultStatus fromFhir(String code) {
        for (ResultStatus s : values()) {
            if (s.fhir.equalsIgnoreCase(code) || s.name().equalsIgnoreCase(code)) {
                return s;
            }
        }
        throw new org.lavender.shared.InvalidInputException("status", "Unknown result status '" + code + "'");
    }
}
