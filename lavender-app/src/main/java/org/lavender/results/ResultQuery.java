package org.lavender.results;

import java.util.Set;

/** Filters for result searches (FHIR Observation search and screens); null fields are ignored. */
public record ResultQuery(Long patientId, Long specimenId, Long orderId, Long orderItemId, String testCodeOrLoinc,
                          Set<ResultStatus> statuses) {
}
