package org.lavender.shared;

/** Administrative sex as used for reference intervals (HL7 v2 table 0001 / FHIR AdministrativeGender). */
public enum Sex {
    MALE("M", "male"), FEMALE("F", "female"), OTHER("O", "other"), UNKNOWN("U", "unknown");

    private final String hl7;
    private final String fhir;

    Sex(String hl7, String fhir) {
        this.hl7 = hl7;
        this.fhir = fhir;
    }

    public String hl7() {
        return hl7;
    }

    public String fhir() {
        return fhir;
    }

    /** Accepts M/F/O/U, male/female/other/unknown in any case. */
    public static Sex parse(String text) {
        if (text == null || text.isBlank()) {
            return UNKNOWN;
        }
        String t = text.trim();
        for (Sex s : values()) {
            if (s.hl7.equalsIgnoreCase(t) || s.fhir.equalsIgnoreCase(t) || s.name().equalsIgnoreCase(t)) {
                return s;
            }
        }
        throw new InvalidInputException("sex", "Unknown sex '" + text + "': use M, F, O or U");
    }
}
