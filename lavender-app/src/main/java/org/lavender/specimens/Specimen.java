package org.lavender.specimens;

import java.time.Instant;
import java.util.List;
import org.lavender.shared.Priority;

/**
 * One tube (or aliquot) with its own accession number, as printed on its label. {@code parentId} is set for
 * aliquots and {@code replacesId} for a recollection of a rejected tube.
 */
public record Specimen(long id, String accession, long orderId, long patientId, Priority priority,
                       String containerCode, String specimenType, String section, SpecimenStatus status,
                       Instant createdAt, Instant collectedAt, String collectedBy, Instant receivedAt,
                       String receivedBy, RejectionReason rejectionReason, String rejectionComment,
                       Long parentId, Long replacesId, List<SpecimenTest> tests) {

    /** A test to be run on this tube, and the order item (ServiceRequest) it fulfils. */
    public record SpecimenTest(long orderItemId, String testCode) {
    }
}
