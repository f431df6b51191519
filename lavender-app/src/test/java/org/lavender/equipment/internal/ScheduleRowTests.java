package org.lavender.equipment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.equipment.DueState;
import org.lavender.equipment.Frequency;
import org.lavender.equipment.MaintenanceInterval;
import org.lavender.equipment.MaintenanceTask;

class ScheduleRowTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LOS_ANGELES = ZoneId.of("America/Los_Angeles");

    @Test
    void neverDoneCalendarTasksAreDueOnTheirStartDay() {
        ScheduleRow row = row(Frequency.WEEKLY, 1, LocalDate.of(2026, 11, 25), null, 0, null);
        MaintenanceTask before = row.at(Instant.parse("2026-11-24T12:00:00Z"), BERLIN);
        assertThat(before.state()).isEqualTo(DueState.CURRENT);
        assertThat(before.dueText()).isEqualTo("due 2026-11-25");
        assertThat(row.at(Instant.parse("2026-11-25T12:00:00Z"), BERLIN).dueText()).isEqualTo("due today");
        MaintenanceTask after = row.at(Instant.parse("2026-11-26T12:00:00Z"), BERLIN);
        assertThat(after.state()).isEqualTo(DueState.OVERDUE);
        assertThat(after.dueText()).isEqualTo("overdue since 2026-11-25");
    }

    @Test
    void theLabZoneDecidesOnWhichDayADailyTaskWasDone() {
        // 23:30 UTC on the 25th is already the 26th in Berlin but still the 25th in Los Angeles.
        Instant done = Instant.parse("2026-11-25T23:30:00Z");
        ScheduleRow row = row(Frequency.DAILY, 1, LocalDate.of(2026, 11, 1), done, 0, 0L);
        Instant now = Instant.parse("2026-11-26T20:00:00Z");
        MaintenanceTask berlin = row.at(now, BERLIN);
        assertThat(berlin.dueOn()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(berlin.state()).as("21:00 on the 26th in Berlin").isEqualTo(DueState.CURRENT);
        MaintenanceTask la = row.at(now, LOS_ANGELES);
        assertThat(la.dueOn()).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(la.state()).as("12:00 on the 26th in Los Angeles").isEqualTo(DueState.DUE);
        assertThat(row.at(Instant.parse("2026-11-27T08:00:00Z"), LOS_ANGELES).state())
                .as("00:00 on the 27th in Los Angeles").isEqualTo(DueState.OVERDUE);
    }

    @Test
    void aMonthlyTaskDoneOnTheLastDayOfJanuaryIsOverdueOnTheFirstOfMarch() {
        Instant done = LocalDate.of(2026, 1, 31).atTime(9, 0).atZone(BERLIN).toInstant();
        ScheduleRow row = row(Frequency.MONTHLY, 1, LocalDate.of(2026, 1, 1), done, 0, 0L);
        assertThat(row.at(LocalDate.of(2026, 2, 28).atTime(23, 59).atZone(BERLIN).toInstant(), BERLIN).state())
                .isEqualTo(DueState.DUE);
        assertThat(row.at(LocalDate.of(2026, 3, 1).atStartOfDay(BERLIN).toInstant(), BERLIN).state())
                .isEqualTo(DueState.OVERDUE);
    }

    @Test
    void runCountTasksCountRunsSinceTheLastSignOffOrTheirStart() {
        ScheduleRow fresh = row(Frequency.RUNS, 1000, LocalDate.of(2026, 1, 1), null, 1200, null);
        MaintenanceTask t = fresh.at(Instant.parse("2026-11-25T12:00:00Z"), BERLIN);
        assertThat(t.runsSince()).as("runs since it was scheduled at run 300").isEqualTo(900);
        assertThat(t.state()).isEqualTo(DueState.DUE);
        assertThat(t.dueOn()).isNull();
        assertThat(t.dueText()).isEqualTo("900 of 1,000 runs");
        ScheduleRow signed = row(Frequency.RUNS, 1000, LocalDate.of(2026, 1, 1), Instant.parse("2026-11-20T00:00:00Z"),
                2400, 1400L);
        assertThat(signed.at(Instant.parse("2026-11-25T12:00:00Z"), BERLIN).state()).isEqualTo(DueState.OVERDUE);
    }

    private static ScheduleRow row(Frequency f, int every, LocalDate startsOn, Instant lastDone, long runs,
                                   Long lastRuns) {
        return new ScheduleRow(1, 2, "EQ-1", "Analyzer", "Task", new MaintenanceInterval(f, every), List.of("a"),
                startsOn, 300, true, runs, lastDone, lastDone == null ? null : "tech", lastRuns);
    }
}
