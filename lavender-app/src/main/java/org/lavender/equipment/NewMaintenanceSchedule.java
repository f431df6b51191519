package org.lavender.equipment;

import java.util.List;

/** A recurring maintenance task with its checklist (one item a line), e.g. "Daily: clean probe, check waste". */
public record NewMaintenanceSchedule(long assetId, String title, MaintenanceInterval interval, List<String> checklist) {
}
