package org.lavender.orders;

import java.util.List;
import org.lavender.shared.Priority;

/** Items were ordered (a new order, or items added to an order by requisition). */
public record OrderPlaced(long orderId, String orderNumber, long patientId, Priority priority,
                          List<Item> items) {

    /** One ordered item and the catalog test codes it expands to. */
    public record Item(long itemId, String orderableCode, List<String> testCodes) {
    }
}
