package org.lavender.orders;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Orders {

    /**
     * Places an order (or adds items to the active order with the same requisition). Rejects unknown patients,
     * unknown or inactive test codes and empty orders; nothing partial is stored. Audited.
     */
    Order place(NewOrder order);

    /** Cancels the whole order with a reason. Audited; publishes {@link OrderCancelled}. */
    Order cancel(long orderId, String reason);

    /** Cancels one item (ServiceRequest). */
    Order cancelItem(long itemId, String reason);

    Optional<Order> find(long orderId);

    /** The order that owns an item (a FHIR ServiceRequest id is an item id). */
    Optional<Order> findByItem(long itemId);

    Optional<Order> findByRequisition(String requisition);

    List<Order> forPatient(long patientId);

    /** Newest first, keyset-paginated. */
    Slice<Order> list(OrderQuery query, String cursor, int size);
}
