package org.lavender.equipment;

import java.time.Instant;
import java.util.List;

/** One sign-off of a maintenance task: who, when, at which run count, the checklist items done and a comment. */
public record MaintenanceRecord(long id, long scheduleId, String title, Instant performedAt, String performedBy,
                                long runsAt, List<String> checked, String comment) {

    public MaintenanceRecord {
        checked = List.copyOf(checked);
    }
}
