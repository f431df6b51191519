package org.lavender.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.orders.NewOrder;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;

class OrderRequestTests {

    @Test
    void defaultsAndCleaning() {
        OrderRequest r = OrderRequest.validate(new NewOrder(5, List.of("K"), null, " Dr. House ",
                "  fever\nsince Monday ", " ", null));
        assertThat(r.priority()).isEqualTo(Priority.ROUTINE);
        assertThat(r.orderingProvider()).isEqualTo("Dr. House");
        assertThat(r.clinicalNotes()).isEqualTo("fever\nsince Monday");
        assertThat(r.requisition()).isNull();
        assertThat(r.source()).isEqualTo("UI");
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> OrderRequest.validate(new NewOrder(0, List.of("K"), null, "Dr", null, null, null)))
                .isInstanceOf(InvalidInputException.class).hasMessage("Choose the patient the order is for");
        assertThatThrownBy(() -> OrderRequest.validate(new NewOrder(5, List.of("K"), null, null, null, null, null)))
                .hasMessage("Ordering provider is required");
        assertThatThrownBy(() -> OrderRequest.validate(new NewOrder(5, List.of("K"), null, "Dr\u0000", null, null,
                null))).hasMessage("Ordering provider contains a control character (U+0000) at position 3");
        assertThatThrownBy(() -> OrderRequest.validate(new NewOrder(5, List.of("K"), null, "Dr", "x".repeat(2001),
                null, null))).hasMessage("Clinical notes is longer than 2000 characters");
        assertThatThrownBy(() -> OrderRequest.reason(null)).hasMessage("A reason for the cancellation is required");
    }
}
