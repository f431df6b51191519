package org.lavender.equipment;

/** Where a recurring task stands: current, due (today, or within the warning window), or overdue. */
public enum DueState {
    CURRENT, DUE, OVERDUE
}
