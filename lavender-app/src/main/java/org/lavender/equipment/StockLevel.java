package org.lavender.equipment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Stock of one reagent: unopened units of usable (unexpired) lots plus the tests left on units loaded on analyzers
 * (within their stability). Reorder when what is on hand, counted in units, is at or below the reorder point.
 */
public record StockLevel(long reagentId, String reagentName, String unitName, int testsPerUnit, int unopenedUnits,
                         int testsInUse, int reorderPoint, int testsOnHand, BigDecimal unitsOnHand,
                         boolean needsReorder) {

    public static StockLevel of(long reagentId, String reagentName, String unitName, int testsPerUnit,
                                int unopenedUnits, int testsInUse, int reorderPoint) {
        int tests = unopenedUnits * testsPerUnit + testsInUse;
        return new StockLevel(reagentId, reagentName, unitName, testsPerUnit, unopenedUnits, testsInUse, reorderPoint,
                tests, BigDecimal.valueOf(tests).divide(BigDecimal.valueOf(testsPerUnit), 1, RoundingMode.DOWN),
                (long) tests <= (long) reorderPoint * testsPerUnit);
    }
}
