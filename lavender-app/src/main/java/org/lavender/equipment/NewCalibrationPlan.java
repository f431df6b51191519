package org.lavender.equipment;

import java.time.LocalDate;

/** A calibration plan to add: test code (or blank for the whole analyzer), interval, first due day. */
public record NewCalibrationPlan(long assetId, String testCode, int intervalDays, LocalDate firstDueOn) {
}
