package org.lavender.results;

/**
 * Adds a reflex test to the order of a released result (TSH high → free T4), asked by results when a reflex rule
 * fires, in the releasing transaction. The orders module implements it: the test joins the same order, on the same
 * specimen when the tube takes it, otherwise on a new tube; the change is audited there with the reason.
 */
public interface ReflexOrders {

    /** Adds {@code testCode} to the order, or says why not (order no longer active, test already ordered). */
    Added add(long orderId, long specimenId, String testCode, String reason, String requestedBy);

    /** What happened: {@code orderItemId} is set when the test was added. */
    record Added(Outcome outcome, Long orderItemId, String detail) {
    }

    enum Outcome { ADDED, ALREADY_ORDERED, NOT_ADDED }
}
