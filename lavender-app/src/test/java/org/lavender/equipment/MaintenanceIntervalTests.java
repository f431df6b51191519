package org.lavender.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.lavender.shared.InvalidInputException;

class MaintenanceIntervalTests {

    private static final MaintenanceInterval DAILY = new MaintenanceInterval(Frequency.DAILY, 1);
    private static final MaintenanceInterval WEEKLY = new MaintenanceInterval(Frequency.WEEKLY, 1);
    private static final MaintenanceInterval MONTHLY = new MaintenanceInterval(Frequency.MONTHLY, 1);

    @Test
    void aDailyTaskIsDueTheNextCalendarDayAndOverdueOnceThatDayHasEnded() {
        LocalDate done = LocalDate.of(2026, 11, 25);
        LocalDate due = DAILY.dueAfter(done);
        assertThat(due).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(MaintenanceInterval.state(due, done)).isEqualTo(DueState.CURRENT);
        assertThat(MaintenanceInterval.state(due, due)).isEqualTo(DueState.DUE);
        assertThat(MaintenanceInterval.state(due, due.plusDays(1))).isEqualTo(DueState.OVERDUE);
    }

    @Test
    void everyNDaysAndWeeksCountCalendarDays() {
        assertThat(new MaintenanceInterval(Frequency.DAILY, 3).dueAfter(LocalDate.of(2026, 12, 30)))
                .isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(WEEKLY.dueAfter(LocalDate.of(2026, 11, 25))).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(new MaintenanceInterval(Frequency.WEEKLY, 2).dueAfter(LocalDate.of(2026, 12, 28)))
                .isEqualTo(LocalDate.of(2027, 1, 11));
    }

    @Test
    void monthlyTasksKeepMonthEnds() {
        assertThat(MONTHLY.dueAfter(LocalDate.of(2026, 1, 31))).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(MONTHLY.dueAfter(LocalDate.of(2028, 1, 31))).isEqualTo(LocalDate.of(2028, 2, 29));
        // Done on the last day of February: due on the last day of March, not the 28th.
        assertThat(MONTHLY.dueAfter(LocalDate.of(2026, 2, 28))).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(MONTHLY.dueAfter(LocalDate.of(2026, 4, 30))).isEqualTo(LocalDate.of(2026, 5, 31));
        // Not a month end: the same day of the next month.
        assertThat(MONTHLY.dueAfter(LocalDate.of(2026, 3, 30))).isEqualTo(LocalDate.of(2026, 4, 30));
        assertThat(MONTHLY.dueAfter(LocalDate.of(2026, 1, 15))).isEqualTo(LocalDate.of(2026, 2, 15));
        assertThat(new MaintenanceInterval(Frequency.MONTHLY, 3).dueAfter(LocalDate.of(2026, 11, 30)))
                .isEqualTo(LocalDate.of(2027, 2, 28));
        assertThat(new MaintenanceInterval(Frequency.MONTHLY, 12).dueAfter(LocalDate.of(2028, 2, 29)))
                .isEqualTo(LocalDate.of(2029, 2, 28));
    }

    @Property
    void aMonthlyTaskFallsInTheRightMonthAndNeverLater(@ForAll @IntRange(min = 2000, max = 2100) int year,
                                                      @ForAll @IntRange(min = 1, max = 12) int month,
                                                      @ForAll @IntRange(min = 1, max = 31) int day,
                                                      @ForAll @IntRange(min = 1, max = 24) int every) {
        YearMonth ym = YearMonth.of(year, month);
        LocalDate done = ym.atDay(Math.min(day, ym.lengthOfMonth()));
        LocalDate due = new MaintenanceInterval(Frequency.MONTHLY, every).dueAfter(done);
        assertThat(YearMonth.from(due)).isEqualTo(ym.plusMonths(every));
        if (done.getDayOfMonth() == ym.lengthOfMonth()) {
            assertThat(due.getDayOfMonth()).isEqualTo(YearMonth.from(due).lengthOfMonth());
        } else {
            assertThat(due.getDayOfMonth()).isLessThanOrEqualTo(done.getDayOfMonth());
        }
    }

    @Test
    void runCountTasksAreDueFromNinetyPercentAndOverdueAtTheCount() {
        MaintenanceInterval probe = new MaintenanceInterval(Frequency.RUNS, 5000);
        assertThat(probe.state(0)).isEqualTo(DueState.CURRENT);
        assertThat(probe.state(4499)).isEqualTo(DueState.CURRENT);
        assertThat(probe.state(4500)).isEqualTo(DueState.DUE);
        assertThat(probe.state(4999)).isEqualTo(DueState.DUE);
        assertThat(probe.state(5000)).isEqualTo(DueState.OVERDUE);
        assertThat(new MaintenanceInterval(Frequency.RUNS, 1).state(0)).isEqualTo(DueState.CURRENT);
        assertThat(new MaintenanceInterval(Frequency.RUNS, 1).state(1)).isEqualTo(DueState.OVERDUE);
        assertThat(new MaintenanceInterval(Frequency.RUNS, MaintenanceInterval.MAX_EVERY).state(Long.MAX_VALUE / 20))
                .isEqualTo(DueState.OVERDUE);
        assertThatThrownBy(() -> probe.dueAfter(LocalDate.of(2026, 1, 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonsenseIntervalsAreRefusedWithTheirLimit() {
        assertThatThrownBy(() -> new MaintenanceInterval(Frequency.DAILY, 0)).isInstanceOf(InvalidInputException.class)
                .hasMessage("Repeat every 1 to 366 days");
        assertThatThrownBy(() -> new MaintenanceInterval(Frequency.MONTHLY, -1))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new MaintenanceInterval(Frequency.RUNS, MaintenanceInterval.MAX_EVERY + 1))
                .isInstanceOf(InvalidInputException.class).hasMessage("Repeat every 1 to 1000000 runs");
        assertThatThrownBy(() -> new MaintenanceInterval(null, 1)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("daily, weekly, monthly or by run count");
    }

    @Test
    void intervalsReadLikeTheLabSpeaks() {
        assertThat(DAILY.text()).isEqualTo("daily");
        assertThat(new MaintenanceInterval(Frequency.WEEKLY, 2).text()).isEqualTo("every 2 weeks");
        assertThat(new MaintenanceInterval(Frequency.RUNS, 5000).text()).isEqualTo("every 5000 runs");
    }
}
