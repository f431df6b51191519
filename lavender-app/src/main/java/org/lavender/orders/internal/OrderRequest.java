package org.lavender.orders.internal;

import java.util.List;
import java.util.Locale;
import org.lavender.orders.NewOrder;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;

/** A {@link NewOrder} checked and cleaned: each refusal names the field and what is wrong with it. */
record OrderRequest(long patientId, List<String> orderableCodes, Priority priority, String orderingProvider,
                    String clinicalNotes, String requisition, String source) {

    static OrderRequest validate(NewOrder o) {
        if (o == null) {
            throw new InvalidInputException("order", "Order data is required");
        }
        if (o.patientId() <= 0) {
            throw new InvalidInputException("patientId", "Choose the patient the order is for");
        }
        // CLIA (42 CFR 493.1241) requires the test request to name the authorized person who ordered it.
        String provider = text("orderingProvider", "Ordering provider", o.orderingProvider(), 200, false);
        if (provider == null) {
            throw new InvalidInputException("orderingProvider", "Ordering provider is required");
        }
        String notes = text("clinicalNotes", "Clinical notes", o.clinicalNotes(), 2000, true);
        String requisition = text("requisition", "Requisition", o.requisition(), 64, false);
        String source = text("source", "Source", o.source(), 20, false);
        return new OrderRequest(o.patientId(), o.orderableCodes(),
                o.priority() == null ? Priority.ROUTINE : o.priority(), provider, notes, requisition,
                source == null ? "UI" : source.toUpperCase(Locale.ROOT));
    }

    static String reason(String reason) {
        String r = text("reason", "Reason", reason, 500, false);
        if (r == null) {
            throw new InvalidInputException("reason", "A reason for the cancellation is required");
        }
        return r;
    }

    private static String text(String field, String label, String value, int max, boolean multiline) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, label + " is longer than " + max + " characters");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean allowedBreak = multiline && (c == '\n' || c == '\r' || c == '\t');
            if (!allowedBreak && (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
                throw new InvalidInputException(field, label + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1));
            }
        }
        return v;
    }
}
