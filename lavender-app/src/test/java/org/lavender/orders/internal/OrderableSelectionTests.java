package org.lavender.orders.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.orders.OrderItem;
import org.lavender.shared.InvalidInputException;

class OrderableSelectionTests {

    private static TestDefinition test(String code, String name, boolean active) {
        return new TestDefinition(1, code, null, name, "CHEM", ResultType.NUMERIC, "mmol/L", 1, "serum", "GOLD",
                List.of(), List.of(), active);
    }

    private static final TestDefinition K = test("K", "Potassium", true);
    private static final TestDefinition NA = test("NA", "Sodium", true);
    private static final TestDefinition OLD = test("OLD", "Thymol turbidity", false);
    private static final Map<String, Orderable> CATALOG = Map.of(
            "K", new Orderable("K", "2823-3", "Potassium", false, List.of(K)),
            "2823-3", new Orderable("K", "2823-3", "Potassium", false, List.of(K)),
            "NA", new Orderable("NA", "2951-2", "Sodium", false, List.of(NA)),
            "LYTES", new Orderable("LYTES", null, "Electrolytes", true, List.of(NA, K)),
            "OLD", new Orderable("OLD", null, "Thymol turbidity", false, List.of(OLD)),
            "LIVER70", new Orderable("LIVER70", null, "Liver 1970", true, List.of(K, OLD)));
    private static final Function<String, Optional<Orderable>> LOOKUP = c -> Optional.ofNullable(CATALOG.get(c));

    private static void refused(List<String> codes, List<OrderItem> existing, String message) {
        assertThatThrownBy(() -> OrderableSelection.resolve(codes, LOOKUP, existing))
                .isInstanceOf(InvalidInputException.class).hasMessage(message);
    }

    @Test
    void resolvesCodesAndLoincsIgnoringBlanks() {
        assertThat(OrderableSelection.resolve(List.of(" LYTES ", "", " "), LOOKUP, List.of())
                .orderables()).extracting(Orderable::code).containsExactly("LYTES");
        assertThat(OrderableSelection.resolve(List.of("2823-3", "NA"), LOOKUP, List.of()).orderables())
                .extracting(Orderable::code).containsExactly("K", "NA");
    }

    @Test
    void refusals() {
        refused(List.of(" ", ""), List.of(), "Choose at least one test to order");
        refused(null, List.of(), "Choose at least one test to order");
        refused(List.of("K", "X1", "X2"), List.of(), "Unknown test codes: X1, X2. Nothing was ordered.");
        refused(List.of("OLD"), List.of(), "OLD (Thymol turbidity) is inactive in the catalog and cannot be ordered");
        refused(List.of("LIVER70"), List.of(), "LIVER70 (Liver 1970) contains test OLD (Thymol turbidity), which is"
                + " inactive in the catalog and cannot be ordered");
        refused(List.of("K", "2823-3"), List.of(), "K (Potassium) is ordered twice");
        refused(List.of("LYTES", "K"), List.of(),
                "Potassium (K) would be ordered twice: in LYTES and in K. Remove one of them.");
        List<OrderItem> onOrder = List.of(new OrderItem(7, "LYTES", null, "Electrolytes", List.of("NA", "K"),
                OrderItem.ACTIVE, null));
        refused(List.of("NA"), onOrder,
                "Sodium (NA) would be ordered twice: in LYTES (already on the order) and in NA. Remove one of them.");
        refused(List.of("LYTES"), onOrder, "LYTES (Electrolytes) is ordered twice: it is already on the order");
    }
}
