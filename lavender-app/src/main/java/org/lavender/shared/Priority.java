package org.lavender.shared;

/** Order priority; STAT is worked first, then ASAP, then routine (FHIR request-priority stat/asap/routine). */
public enum Priority {
    STAT("stat"), ASAP("asap"), ROUTINE("routine");

    private final String fhir;

    Priority(String fhir) {
        this.fhir = fhir;
    }

    public String fhir() {
        return fhir;
    }

    public static Priority parse(String text) {
        if (text == null || text.isBlank()) {
            return ROUTINE;
        }
        String t = text.trim();
        for (Priority p : values()) {
            if (p.name().equalsIgnoreCase(t) || p.fhir.equalsIgnoreCase(t)) {
                return p;
            }
        }
        // FHIR also has "urgent"; a lab treats it as ASAP.
        if (t.equalsIgnoreCase("urgent")) {
            return ASAP;
        }
        throw new InvalidInputException("priority", "Unknown priority '" + text + "': use STAT, ASAP or ROUTINE");
    }
}
