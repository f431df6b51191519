package org.lavender.equipment;

import java.time.LocalDate;
import java.time.YearMonth;
import org.lavender.shared.InvalidInputException;

/**
 * "Every {@code every} days / weeks / months / runs". Calendar tasks fall due on a calendar day of the lab's zone
 * counted from the day the task was last done (a daily task done at 23:50 is due again the next day) and are overdue
 * once that day has ended. Monthly tasks keep month ends: done on 31 January, due on 28 (29) February; done on the
 * last day of February, due on 31 March. Run-count tasks (e.g. a probe change every 5,000 tests) are due from 90 %
 * of the count and overdue once the count is reached.
 */
public record MaintenanceInterval(Frequency frequency, int every) {

    public static final int MAX_EVERY = 1_000_000;

    public MaintenanceInterval {
        if (frequency == null) {
            throw new InvalidInputException("frequency", "Choose daily, weekly, monthly or by run count");
        }
        int limit = frequency == Frequency.RUNS ? MAX_EVERY : 366;
        if (every < 1 || every > limit) {
            throw new InvalidInputException("every", "Repeat every 1 to " + limit + " "
                    + unit(frequency, 2));
        }
    }

    public boolean byRuns() {
        return frequency == Frequency.RUNS;
    }

    /** The day a calendar task falls due after being done on {@code lastDone}. */
    public LocalDate dueAfter(LocalDate lastDone) {
        return switch (frequency) {
            case DAILY -> lastDone.plusDays(every);
            case WEEKLY -> lastDone.plusWeeks(every);
            case MONTHLY -> {
                LocalDate due = lastDone.plusMonths(every);
                boolean monthEnd = lastDone.getDayOfMonth() == YearMonth.from(lastDone).lengthOfMonth();
                yield monthEnd ? due.withDayOfMonth(YearMonth.from(due).lengthOfMonth()) : due;
            }
            case RUNS -> throw new IllegalStateException("A run-count task has no due day");
        };
    }

    /** A calendar task on {@code today}: overdue after its due day, due on it. */
    public static DueState state(LocalDate dueOn, LocalDate today) {
        return today.isAfter(dueOn) ? DueState.OVERDUE : today.isEqual(dueOn) ? DueState.DUE : DueState.CURRENT;
    }

    /** A run-count task after {@code runsSince} runs since it was last done (or since it was scheduled). */
    public DueState state(long runsSince) {
        if (runsSince >= every) {
            return DueState.OVERDUE;
        }
        return runsSince * 10 >= every * 9L ? DueState.DUE : DueState.CURRENT;
    }

    public String text() {
        return every == 1 ? switch (frequency) {
            case DAILY -> "daily";
            case WEEKLY -> "weekly";
            case MONTHLY -> "monthly";
            case RUNS -> "every run";
        } : "every " + every + " " + unit(frequency, every);
    }

    private static String unit(Frequency frequency, int n) {
        String unit = switch (frequency) {
            case DAILY -> "day";
            case WEEKLY -> "week";
            case MONTHLY -> "month";
            case RUNS -> "run";
        };
        return n == 1 ? unit : unit + "s";
    }
}
