package org.lavender.orders;

import java.util.List;
import org.lavender.shared.Priority;

/**
 * Tests to order. {@code orderableCodes} are catalog codes or LOINC codes of tests or panels.
 * {@code requisition} is optional; an active order with the same requisition gets the new items added.
 * {@code source} says where it came from (UI, FHIR, HL7).
 */
public record NewOrder(long patientId, List<String> orderableCodes, Priority priority, String orderingProvider,
                       String clinicalNotes, String requisition, String source) {
}
