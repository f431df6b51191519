package org.lavender.equipment;

/** How a maintenance task recurs: by calendar (in the lab's zone) or by the analyzer's run count. */
public enum Frequency {
    DAILY, WEEKLY, MONTHLY, RUNS
}
