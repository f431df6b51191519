package org.lavender.equipment;

import java.util.List;

/**
 * A reagent (or kit) the lab stocks: which tests it serves, how many tests one unit (kit, cartridge, pack) gives,
 * how long an opened unit is stable on board, how it is stored and at how many units on hand to reorder.
 */
public record Reagent(long id, String name, String manufacturer, String catalogNumber, List<String> testCodes,
                      int testsPerUnit, String unitName, Integer onboardDays, String storage, int reorderPoint) {

    public Reagent {
        testCodes = List.copyOf(testCodes);
    }
}
