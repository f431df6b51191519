package org.lavender.equipment;

import java.util.List;

/** A reagent definition to add (admin or verifier). */
public record NewReagent(String name, String manufacturer, String catalogNumber, List<String> testCodes,
                         Integer testsPerUnit, String unitName, Integer onboardDays, String storage,
                         Integer reorderPoint) {
}
