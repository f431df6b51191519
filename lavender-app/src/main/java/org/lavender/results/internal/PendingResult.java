package org.lavender.results.internal;

import java.time.Instant;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.Priority;
import org.lavender.specimens.Specimen;

/** A test to be done on a received tube, with the catalog details copied at receipt. */
record PendingResult(long specimenId, String accession, long orderId, long orderItemId, long patientId,
                     Priority priority, String testCode, String loinc, String testName, String section,
                     String resultType, String unit, Integer decimals, Instant collectedAt, Instant receivedAt) {

    /** A test added to a tube already in the lab (a reflex test, a serum index the analyzer measured). */
    static PendingResult onTube(Specimen tube, long orderItemId, TestDefinition test) {
        return new PendingResult(tube.id(), tube.accession(), tube.orderId(), orderItemId, tube.patientId(),
                tube.priority(), test.code(), test.loinc(), test.name(), test.section(), test.resultType().name(),
                test.unit(), test.decimals(), tube.collectedAt(), tube.receivedAt());
    }
}
