package org.lavender.specimens;

import java.time.Instant;

public record SpecimenCollected(long specimenId, String accession, long orderId, Instant collectedAt,
                                String collectedBy) {
}
