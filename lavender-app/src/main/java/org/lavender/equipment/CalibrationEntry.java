package org.lavender.equipment;

import java.time.Instant;

/** One calibration performed on a plan: when, by whom, the outcome, the calibrator lot and remarks. */
public record CalibrationEntry(long id, long planId, Instant performedAt, String performedBy,
                               CalibrationResult result, String calibratorLot, String comment) {
}
