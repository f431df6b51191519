package org.lavender.specimens.internal;

import java.time.Instant;
import java.util.List;
import org.lavender.shared.Priority;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;

/**
 * A stored tube with everything the module keeps about it: the rejection's time and author, the row version and
 * all its test lines (also those cancelled or moved to an aliquot), while {@link Specimen} shows other modules
 * only the tests still to be run on it.
 */
public record Tube(long id, String accession, long orderId, long patientId, Priority priority, String containerCode,
            String specimenType, String section, SpecimenStatus status, Instant createdAt, Instant collectedAt,
            String collectedBy, Instant receivedAt, String receivedBy, RejectionReason rejectionReason,
            String rejectionComment, Instant rejectedAt, String rejectedBy, Long parentId, Long replacesId,
            long version, List<TestLine> lines) {

    static final String ACTIVE = "active";
    static final String CANCELLED = "cancelled";
    static final String MOVED = "moved";

    /** One test on the tube and the order item it fulfils; status active, cancelled or moved (to an aliquot). */
    public record TestLine(long id, long orderItemId, String testCode, String status) {

        public boolean active() {
            return ACTIVE.equals(status);
        }
    }

    public List<TestLine> activeLines() {
        return lines.stream().filter(TestLine::active).toList();
    }

    List<Specimen.SpecimenTest> activeTests() {
        return activeLines().stream().map(l -> new Specimen.SpecimenTest(l.orderItemId(), l.testCode())).toList();
    }

    Tube withLines(List<TestLine> newLines) {
        return new Tube(id, accession, orderId, patientId, priority, containerCode, specimenType, section, status,
                createdAt, collectedAt, collectedBy, receivedAt, receivedBy, rejectionReason, rejectionComment,
                rejectedAt, rejectedBy, parentId, replacesId, version, List.copyOf(newLines));
    }

    Specimen toSpecimen() {
        return new Specimen(id, accession, orderId, patientId, priority, containerCode, specimenType, section, status,
                createdAt, collectedAt, collectedBy, receivedAt, receivedBy, rejectionReason, rejectionComment,
                parentId, replacesId, activeTests());
    }

    /** A one-line state for the audit trail. */
    String auditState() {
        return status + " " + containerCode + "/" + section + " tests="
                + activeLines().stream().map(TestLine::testCode).toList();
    }
}
