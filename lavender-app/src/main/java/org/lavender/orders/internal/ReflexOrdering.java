package org.lavender.orders.internal;

import org.lavender.results.ReflexOrders;
import org.springframework.stereotype.Component;

/** Orders' side of reflex testing: results asks, the order gets the reflex test (see {@link OrderService}). */
@Component
class ReflexOrdering implements ReflexOrders {

    private final OrderService orders;

    ReflexOrdering(OrderService orders) {
        this.orders = orders;
    }

    @Override
    public Added add(long orderId, long specimenId, String testCode, String reason, String requestedBy) {
        return orders.addReflexTest(orderId, specimenId, testCode, reason, requestedBy);
    }
}
