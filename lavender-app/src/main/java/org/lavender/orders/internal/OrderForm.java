package org.lavender.orders.internal;

import java.util.List;
import org.lavender.orders.NewOrder;
import org.lavender.shared.Priority;

/** The order entry form as submitted: the picked orderable codes and the order's details. */
record OrderForm(Long patientId, List<String> codes, String priority, String orderingProvider,
                 String clinicalNotes, String requisition) {

    static OrderForm empty(long patientId) {
        return new OrderForm(patientId, List.of(), "ROUTINE", "", "", "");
    }

    NewOrder toNewOrder() {
        return new NewOrder(patientId == null ? 0 : patientId, codes == null ? List.of() : codes,
                Priority.parse(priority), orderingProvider, clinicalNotes, requisition, "UI");
    }

    List<String> pickedCodes() {
        return codes == null ? List.of() : codes;
    }
}
