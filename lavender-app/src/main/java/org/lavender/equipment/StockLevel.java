package org.lavender.equipment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stock of one reagent: unopened units of usable (unexpired) lots plus the tests left on units loaded on analyzers.
 * Reorder when what is on hand, counted in units, is at or below the reorder point.
 */
public record StockLevel(long reagentId, String reagentName, String unitName, int testsPerUnit, int unopenedUnits,
                         int testsInUse, int reorderPoint) {

    public int testsOnHand() {
        return unopenedUnits * testsPerUnit + testsInUse;
    }

    public BigDecimal unitsOnHand() {
        return BigDecimal.valueOf(testsOnHand()).divide(BigDecimal.valueOf(testsPerUnit), 1, RoundingMode.DOWN);
    }

    public boolean needsReorder() {
        return (long) testsOnHand() <= (long) reorderPoint * testsPerUnit;
    }
}
