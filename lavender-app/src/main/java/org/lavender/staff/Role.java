package org.lavender.staff;

/** What a person may do in Lavender. Spring Security sees each as authority {@code ROLE_<name>}. */
public enum Role {
    /** Configures the catalog, users and instruments. */
    ADMIN,
    /** Collects, receives and accessions specimens; enters results. */
    TECHNICIAN,
    /** Technologist or supervisor allowed to verify (release) results. */
    VERIFIER,
    /** Reads reports; changes nothing. */
    PHYSICIAN,
    /** An interface (EHR, middleware) calling the FHIR or JSON API. */
    SYSTEM;

    public String authority() {
        return "ROLE_" + name();
    }
}
