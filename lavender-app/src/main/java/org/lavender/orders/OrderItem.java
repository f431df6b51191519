package org.lavender.orders;

import java.util.List;

/**
 * One requested orderable (a test or a panel) within an order; it is what FHIR calls a ServiceRequest. A panel
 * item lists its member test codes. {@code status} is {@link #ACTIVE}, {@link #CANCELLED} or {@link #RECOLLECT};
 * {@code cancelReason} says why an item is cancelled or waits for recollection (the rejected tube and reason).
 */
public record OrderItem(long id, String orderableCode, String orderableLoinc, String orderableName,
                        List<String> testCodes, String status, String cancelReason) {

    public static final String ACTIVE = "ACTIVE";
    public static final String CANCELLED = "CANCELLED";
    /** Its specimen was rejected: a new tube must be drawn before it can be tested. */
    public static final String RECOLLECT = "RECOLLECT";

    /** Still to be done (active, or waiting for a recollected specimen). */
    public boolean open() {
        return !CANCELLED.equals(status);
    }
}
