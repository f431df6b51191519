package org.lavender.specimens;

public enum SpecimenStatus {
    /** Label printed / tube expected; not yet drawn. */
    ORDERED,
    COLLECTED,
    /** Scanned in at the lab: it may now be tested. */
    RECEIVED,
    REJECTED,
    CANCELLED
}
