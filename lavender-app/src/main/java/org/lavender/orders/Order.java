package org.lavender.orders;

import java.time.Instant;
import java.util.List;
import org.lavender.shared.Priority;

/**
 * A lab order for one patient. {@code requisition} is the placer's group number: FHIR ServiceRequests with the
 * same requisition identifier join one order.
 */
public record Order(long id, String orderNumber, long patientId, Priority priority, String orderingProvider,
                    String clinicalNotes, String requisition, OrderStatus status, Instant orderedAt,
                    String orderedBy, String source, List<OrderItem> items) {
}
