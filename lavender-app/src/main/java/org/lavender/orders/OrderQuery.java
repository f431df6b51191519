package org.lavender.orders;

import org.lavender.shared.Priority;

/** Filters for the order list; null fields are ignored. */
public record OrderQuery(Long patientId, OrderStatus status, Priority priority, String requisition) {
}
