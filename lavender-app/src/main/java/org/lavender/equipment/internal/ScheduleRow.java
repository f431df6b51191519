package org.lavender.equipment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.lavender.equipment.DueState;
import org.lavender.equipment.MaintenanceInterval;
import org.lavender.equipment.MaintenanceTask;

/** A maintenance schedule as stored, with its latest sign-off and the asset's run count. */
record ScheduleRow(long id, long assetId, String assetTag, String assetName, String title,
                   MaintenanceInterval interval, List<String> checklist, LocalDate startsOn, long runsAtStart,
                   boolean active, long assetRuns, Instant lastDoneAt, String lastDoneBy, Long lastDoneRuns) {

    /**
     * Where the task stands at {@code now}: calendar tasks are first due on their start day, then on the day counted
     * from the lab-zone day of the last sign-off; run-count tasks count runs since the last sign-off (or start).
     */
    MaintenanceTask at(Instant now, ZoneId zone) {
        if (interval.byRuns()) {
            long since = Math.max(0, assetRuns - (lastDoneRuns != null ? lastDoneRuns : runsAtStart));
            return task(null, since, interval.state(since));
        }
        LocalDate dueOn = lastDoneAt == null ? startsOn : interval.dueAfter(lastDoneAt.atZone(zone).toLocalDate());
        DueState state = MaintenanceInterval.state(dueOn, now.atZone(zone).toLocalDate());
        return task(dueOn, null, state);
    }

    private MaintenanceTask task(LocalDate dueOn, Long runsSince, DueState state) {
        return new MaintenanceTask(id, assetId, assetTag, assetName, title, interval, checklist, startsOn, lastDoneAt,
                lastDoneBy, dueOn, runsSince, state, active);
    }
}
