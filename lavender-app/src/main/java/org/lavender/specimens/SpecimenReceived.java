package org.lavender.specimens;

import java.time.Instant;
import java.util.List;
import org.lavender.shared.Priority;

/** A tube arrived in the lab; its tests may now be run. The results module opens a pending result per test. */
public record SpecimenReceived(long specimenId, String accession, long orderId, long patientId, Priority priority,
                               String section, Instant collectedAt, Instant receivedAt,
                               List<Specimen.SpecimenTest> tests) {
}
