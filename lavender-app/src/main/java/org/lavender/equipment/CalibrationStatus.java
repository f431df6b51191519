package org.lavender.equipment;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Where a calibration plan stands at a moment (CLIA 42 CFR 493.1255: calibrate at least as often as the manufacturer
 * requires). A passing calibration holds for {@code intervalDays} calendar days of the lab's zone: due on the day it
 * expires, overdue after it; never calibrated: due on the plan's first due day. A failed calibration leaves the
 * analyte uncalibrated (overdue) until one passes. Due within {@link #WARNING_DAYS} days: DUE.
 */
public record CalibrationStatus(DueState state, LocalDate dueOn, CalibrationResult lastResult, Instant lastAt) {

    public static final int WARNING_DAYS = 7;

    public static CalibrationStatus at(Instant at, ZoneId zone, int intervalDays, LocalDate firstDueOn,
                                       Instant lastAt, CalibrationResult lastResult) {
        LocalDate today = at.atZone(zone).toLocalDate();
        if (lastAt != null && lastResult == CalibrationResult.FAIL) {
            return new CalibrationStatus(DueState.OVERDUE, lastAt.atZone(zone).toLocalDate(), lastResult, lastAt);
        }
        LocalDate dueOn = lastAt == null ? firstDueOn : lastAt.atZone(zone).toLocalDate().plusDays(intervalDays);
        DueState state = today.isAfter(dueOn) ? DueState.OVERDUE
                : today.plusDays(WARNING_DAYS).isBefore(dueOn) ? DueState.CURRENT : DueState.DUE;
        return new CalibrationStatus(state, dueOn, lastResult, lastAt);
    }

    public boolean failed() {
        return lastResult == CalibrationResult.FAIL;
    }

    /** The sentence recorded with a result: "calibration of K on Generic HL7 overdue since 2026-11-20". */
    public String text(String what, String analyzer) {
        String subject = "calibration of " + what + " on " + analyzer;
        if (failed()) {
            return subject + " failed on " + dueOn + " (no passing calibration since)";
        }
        return switch (state) {
            case OVERDUE -> subject + " overdue since " + dueOn;
            case DUE, CURRENT -> subject + " current (due " + dueOn + ")";
        };
    }
}
