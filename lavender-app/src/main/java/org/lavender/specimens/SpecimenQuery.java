package org.lavender.specimens;

/** Filters for specimen lists; null fields are ignored. */
public record SpecimenQuery(Long patientId, Long orderId, Long orderItemId, SpecimenStatus status, String section,
                            String accession) {
}
