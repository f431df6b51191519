package org.lavender.orders.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.OrderStatus;
import org.lavender.orders.Orders;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Priority;
import org.lavender.shared.Slice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/orders")
@Tag(name = "Orders", description = "Place, find and cancel lab orders")
class OrderApiController {

    private static final String CAN_ORDER = "hasAnyRole('TECHNICIAN','VERIFIER','ADMIN','SYSTEM')";

    private final Orders orders;

    OrderApiController(Orders orders) {
        this.orders = orders;
    }

    /** An order as a system sends it; priority is STAT, ASAP or ROUTINE (default), or FHIR's stat/asap/routine. */
    record OrderRequest(Long patientId, List<String> orderableCodes, String priority, String orderingProvider,
                        String clinicalNotes, String requisition, String source) {

        NewOrder toNewOrder() {
            if (patientId == null) {
                throw new InvalidInputException("patientId", "patientId is required");
            }
            return new NewOrder(patientId, orderableCodes, Priority.parse(priority), orderingProvider, clinicalNotes,
                    requisition, source == null || source.isBlank() ? "API" : source);
        }
    }

    record Cancellation(String reason) {
    }

    @GetMapping
    @Operation(summary = "List orders, newest first",
            description = "Filters are optional. Keyset-paginated: pass nextCursor of the previous page.")
    Slice<Order> list(@RequestParam(required = false) Long patientId,
                      @RequestParam(required = false) OrderStatus status,
                      @RequestParam(required = false) Priority priority,
                      @RequestParam(required = false) String requisition,
                      @RequestParam(required = false) String cursor,
                      @RequestParam(defaultValue = "25") int size) {
        return orders.list(new OrderQuery(patientId, status, priority, requisition), cursor, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One order with its items")
    Order get(@PathVariable long id) {
        return orders.find(id).orElseThrow(() -> new NotFoundException("Order", id));
    }

    @PostMapping
    @PreAuthorize(CAN_ORDER)
    @Operation(summary = "Place an order",
            description = "orderableCodes are catalog codes or LOINC codes of tests or panels. An active order with"
                    + " the same requisition (same patient) gets the items added. The tubes and accession numbers"
                    + " are created with the order. 422 for an unknown patient, unknown or inactive codes or a test"
                    + " ordered twice (nothing is stored); 409 if the requisition belongs to another patient.")
    ResponseEntity<Order> place(@RequestBody OrderRequest request) {
        Order order = orders.place(request.toNewOrder());
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    @PostMapping("/{id}/cancel")
    @PreAuthorize(CAN_ORDER)
    @Operation(summary = "Cancel a whole order", description = "A reason is required; uncollected tubes are cancelled.")
    Order cancel(@PathVariable long id, @RequestBody Cancellation cancellation) {
        return orders.cancel(id, cancellation.reason());
    }

    @PostMapping("/items/{itemId}/cancel")
    @PreAuthorize(CAN_ORDER)
    @Operation(summary = "Cancel one ordered test or panel", description = "A reason is required.")
    Order cancelItem(@PathVariable long itemId, @RequestBody Cancellation cancellation) {
        return orders.cancelItem(itemId, cancellation.reason());
    }
}
