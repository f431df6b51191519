package org.lavender.equipment;

import java.time.LocalDate;

/**
 * A calibration an analyzer needs: for one test ({@code testCode}) or for the whole analyzer (null), every
 * {@code intervalDays} days, with where it stands now.
 */
public record CalibrationPlan(long id, long assetId, String assetName, String analyzerName, String testCode,
                              int intervalDays, LocalDate firstDueOn, CalibrationStatus status, boolean active) {

    /** "K" or "all tests". */
    public String scope() {
        return testCode == null ? "all tests" : testCode;
    }
}
