package org.lavender.equipment;

import java.time.Instant;
import java.util.List;

/**
 * What needs attention now: maintenance and calibrations due or overdue, out-of-range temperatures without a
 * corrective action, equipment down, reagents to reorder, lots expiring or expired with stock, units on board past
 * their stability.
 */
public record EquipmentDashboard(Instant at, List<MaintenanceTask> maintenance, List<CalibrationPlan> calibrations,
                                 List<TemperatureReading> temperatures, List<Downtime> downtime,
                                 List<StockLevel> reorder, List<ReagentLot> expiringLots,
                                 List<ReagentInUse> beyondStability) {

    public boolean allClear() {
        return maintenance.isEmpty() && calibrations.isEmpty() && temperatures.isEmpty() && downtime.isEmpty()
                && reorder.isEmpty() && expiringLots.isEmpty() && beyondStability.isEmpty();
    }
}
