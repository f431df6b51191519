package org.lavender.orders.internal;

import org.lavender.orders.OrderItem;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenReceived;
import org.lavender.specimens.SpecimenRejected;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Keeps order items in step with their tubes: a rejected specimen puts its items on RECOLLECT, so the ward sees
 * on the order that a new specimen must be drawn, and the receipt of a new tube for them makes them active again.
 * Both are recorded as done by {@code system}.
 */
@Component
class SpecimenEventListener {

    private final OrderService orders;

    SpecimenEventListener(OrderService orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener
    void on(SpecimenRejected rejected) {
        String reason = "Specimen " + rejected.accession() + " rejected: " + rejected.reason().display()
                + (rejected.comment() == null || rejected.comment().isBlank() ? "" : " (" + rejected.comment() + ")");
        orders.setItemsStatus(rejected.orderId(), rejected.orderItemIds(), OrderItem.ACTIVE, OrderItem.RECOLLECT,
                reason);
    }

    @ApplicationModuleListener
    void on(SpecimenReceived received) {
        orders.setItemsStatus(received.orderId(),
                received.tests().stream().map(Specimen.SpecimenTest::orderItemId).distinct().toList(),
                OrderItem.RECOLLECT, OrderItem.ACTIVE, "New specimen " + received.accession() + " received");
    }
}
