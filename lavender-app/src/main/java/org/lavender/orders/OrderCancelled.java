package org.lavender.orders;

import java.util.List;

/** Items (or a whole order) were cancelled; uncollected tubes that serve only them are cancelled too. */
public record OrderCancelled(long orderId, List<Long> itemIds, String reason) {
}
