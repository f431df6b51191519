package org.lavender.equipment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A maintenance schedule of an asset and where it stands now: {@code dueOn} for calendar tasks, {@code runsSince}
 * (runs since last done) for run-count tasks.
 */
public record MaintenanceTask(long id, long assetId, String assetTag, String assetName, String title,
                              MaintenanceInterval interval, List<String> checklist, LocalDate startsOn,
                              Instant lastDoneAt, String lastDoneBy, LocalDate dueOn, Long runsSince, DueState state,
                              boolean active) {

    public MaintenanceTask {
        checklist = List.copyOf(checklist);
    }

    /** "due 2026-11-26", "overdue since 2026-11-20", "4,600 of 5,000 runs". */
    public String dueText() {
        if (interval.byRuns()) {
            return String.format("%,d of %,d runs", runsSince, interval.every());
        }
        return switch (state) {
            case OVERDUE -> "overdue since " + dueOn;
            case DUE -> "due today";
            case CURRENT -> "due " + dueOn;
        };
    }
}
