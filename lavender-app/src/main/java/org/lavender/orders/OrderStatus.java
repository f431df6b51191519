package org.lavender.orders;

public enum OrderStatus {
    /** Placed; specimens not yet all received. */
    ACTIVE,
    /** Every test has a final result. */
    COMPLETED,
    CANCELLED
}
