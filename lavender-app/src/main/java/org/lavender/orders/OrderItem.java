package org.lavender.orders;

import java.util.List;

/**
 * One requested orderable (a test or a panel) within an order; it is what FHIR calls a ServiceRequest. A panel
 * item lists its member test codes.
 */
public record OrderItem(long id, String orderableCode, String orderableLoinc, String orderableName,
                        List<String> testCodes, String status, String cancelReason) {
}
