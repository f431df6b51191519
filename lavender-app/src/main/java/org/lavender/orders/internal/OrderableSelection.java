package org.lavender.orders.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.TestDefinition;
import org.lavender.orders.OrderItem;
import org.lavender.shared.InvalidInputException;

/**
 * Turns the codes a requester typed (lab codes or LOINC, tests or panels) into catalog orderables, refusing the
 * whole request if any code is unknown or inactive, or if a test would be ordered twice in one order (the same
 * orderable twice, or a test also contained in an ordered panel): a duplicate means a second tube drawn and a
 * second bill for nothing.
 */
record OrderableSelection(List<Orderable> orderables) {

    static OrderableSelection resolve(List<String> codes, Function<String, Optional<Orderable>> catalog,
                                      List<OrderItem> alreadyOrdered) {
        List<String> typed = codes == null ? List.of()
                : codes.stream().filter(c -> c != null && !c.isBlank()).map(String::strip).toList();
        if (typed.isEmpty()) {
            throw new InvalidInputException("orderableCodes", "Choose at least one test to order");
        }
        List<String> unknown = new ArrayList<>();
        List<Orderable> found = new ArrayList<>();
        for (String code : typed) {
            catalog.apply(code).ifPresentOrElse(found::add, () -> unknown.add(code));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException("orderableCodes", (unknown.size() == 1 ? "Unknown test code: "
                    : "Unknown test codes: ") + String.join(", ", unknown) + ". Nothing was ordered.");
        }
        for (Orderable o : found) {
            if (o.tests() == null || o.tests().isEmpty()) {
                throw new InvalidInputException("orderableCodes", o.code() + " (" + o.name()
                        + ") has no tests in the catalog and cannot be ordered");
            }
            for (TestDefinition t : o.tests()) {
                if (!t.active()) {
                    throw new InvalidInputException("orderableCodes", (o.panel()
                            ? o.code() + " (" + o.name() + ") contains test " + t.code() + " (" + t.name() + "), which"
                            : t.code() + " (" + t.name() + ")")
                            + " is inactive in the catalog and cannot be ordered");
                }
            }
        }
        // Which orderable already brings each test code, starting with the order's open items.
        Map<String, String> owner = new LinkedHashMap<>();
        Set<String> orderedCodes = new LinkedHashSet<>();
        if (alreadyOrdered != null) {
            for (OrderItem item : alreadyOrdered) {
                orderedCodes.add(item.orderableCode());
                item.testCodes().forEach(t -> owner.putIfAbsent(t, item.orderableCode() + " (already on the order)"));
            }
        }
        for (Orderable o : found) {
            if (!orderedCodes.add(o.code())) {
                throw new InvalidInputException("orderableCodes", o.code() + " (" + o.name() + ") is ordered twice"
                        + (alreadyOrdered != null && alreadyOrdered.stream()
                        .anyMatch(i -> i.orderableCode().equals(o.code())) ? ": it is already on the order" : ""));
            }
            for (TestDefinition t : o.tests()) {
                String first = owner.putIfAbsent(t.code(), o.code());
                if (first != null) {
                    throw new InvalidInputException("orderableCodes", t.name() + " (" + t.code()
                            + ") would be ordered twice: in " + first + " and in " + o.code()
                            + ". Remove one of them.");
                }
            }
        }
        return new OrderableSelection(List.copyOf(found));
    }
}
