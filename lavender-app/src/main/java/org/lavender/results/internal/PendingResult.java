package org.lavender.results.internal;

import java.time.Instant;
import org.lavender.shared.Priority;

/** A test to be done on a received tube, with the catalog details copied at receipt. */
record PendingResult(long specimenId, String accession, long orderId, long orderItemId, long patientId,
                     Priority priority, String testCode, String loinc, String testName, String section,
                     String resultType, String unit, Integer decimals, Instant collectedAt, Instant receivedAt) {
}
