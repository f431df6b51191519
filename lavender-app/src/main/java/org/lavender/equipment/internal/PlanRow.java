package org.lavender.equipment.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.lavender.equipment.CalibrationPlan;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.CalibrationStatus;

/** A calibration plan as stored, with the latest calibration performed up to the moment it was read for. */
record PlanRow(long id, long assetId, String assetName, String analyzerName, String testCode, int intervalDays,
               LocalDate firstDueOn, boolean active, Instant lastAt, CalibrationResult lastResult) {

    CalibrationStatus status(Instant at, ZoneId zone) {
        return CalibrationStatus.at(at, zone, intervalDays, firstDueOn, lastAt, lastResult);
    }

    CalibrationPlan at(Instant at, ZoneId zone) {
        return new CalibrationPlan(id, assetId, assetName, analyzerName, testCode, intervalDays, firstDueOn,
                status(at, zone), active);
    }
}
