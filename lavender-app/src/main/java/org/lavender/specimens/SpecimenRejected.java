package org.lavender.specimens;

import java.util.List;

/** A tube was refused; the order is told so the tests can be recollected. */
public record SpecimenRejected(long specimenId, String accession, long orderId, RejectionReason reason,
                               String comment, List<Long> orderItemIds) {
}
