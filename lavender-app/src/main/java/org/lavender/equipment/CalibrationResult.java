package org.lavender.equipment;

/** Outcome of a calibration: accepted, or failed (the analyte stays uncalibrated until a calibration passes). */
public enum CalibrationResult {
    PASS, FAIL
}
