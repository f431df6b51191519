package org.lavender.orders.internal;

import org.lavender.results.ResultVerified;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/** Closes an order once its last measured test is released, so the ward sees it done (FHIR: completed). */
@Component
class ResultEventListener {

    private final OrderService orders;

    ResultEventListener(OrderService orders) {
        this.orders = orders;
    }

    @ApplicationModuleListener
    void on(ResultVerified released) {
        orders.completeIfAllReleased(released.orderId());
    }
}
