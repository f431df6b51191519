package org.lavender.patients;

import java.time.LocalDate;

/**
 * Search by any combination: identifier (MRN or any authority's value), name prefix (family and/or given,
 * case- and accent-insensitive), birth date. Null fields are ignored.
 */
public record PatientQuery(String identifier, String identifierSystem, String name, LocalDate birthDate) {
}
