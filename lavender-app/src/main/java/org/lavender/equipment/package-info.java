/**
 * Equipment: analyzers, centrifuges, refrigerators and pipettes as assets with serial numbers; maintenance by
 * schedule (daily, weekly, monthly or by run count) with checklist sign-off; calibrations with due dates and results
 * (an overdue calibration holds autoverification of that analyzer's results); temperature logs against each
 * fridge's acceptable range; downtime ({@link org.lavender.equipment.InstrumentDown}); reagent lots received,
 * opened on an analyzer with on-board stability, consumed per result filed, with stock, reorder and expiry warnings.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Equipment",
        allowedDependencies = {"shared", "audit", "catalog", "instruments", "results"})
package org.lavender.equipment;
