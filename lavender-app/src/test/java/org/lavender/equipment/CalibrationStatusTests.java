package org.lavender.equipment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class CalibrationStatusTests {

    private static final ZoneId LAB = ZoneId.of("America/Chicago");

    @Test
    void aPassingCalibrationHoldsForItsIntervalInLabDays() {
        // Calibrated 2026-11-01 09:00 Chicago, every 30 days: due 2026-12-01.
        Instant calibrated = Instant.parse("2026-11-01T14:00:00Z");
        CalibrationStatus onDueDay = at("2026-12-01T23:59:00-06:00", calibrated, CalibrationResult.PASS);
        assertThat(onDueDay.dueOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(onDueDay.state()).isEqualTo(DueState.DUE);
        CalibrationStatus dayAfter = at("2026-12-02T00:00:00-06:00", calibrated, CalibrationResult.PASS);
        assertThat(dayAfter.state()).isEqualTo(DueState.OVERDUE);
        assertThat(dayAfter.text("K", "Generic HL7")).isEqualTo("calibration of K on Generic HL7 overdue since 2026-12-01");
    }

    @Test
    void dueWithinSevenDaysIsAWarningNotAHold() {
        Instant calibrated = Instant.parse("2026-11-01T14:00:00Z");
        assertThat(at("2026-11-23T12:00:00-06:00", calibrated, CalibrationResult.PASS).state())
                .isEqualTo(DueState.CURRENT);
        assertThat(at("2026-11-24T12:00:00-06:00", calibrated, CalibrationResult.PASS).state())
                .isEqualTo(DueState.DUE);
        assertThat(at("2026-11-24T12:00:00-06:00", calibrated, CalibrationResult.PASS).text("K", "A"))
                .isEqualTo("calibration of K on A current (due 2026-12-01)");
    }

    @Test
    void theLabZoneDecidesTheDayACalibrationWasDone() {
        // 03:30 UTC on 2 November is still 1 November in Chicago: due 1 December, overdue on 2 December.
        Instant lateEvening = Instant.parse("2026-11-02T03:30:00Z");
        CalibrationStatus chicago = CalibrationStatus.at(Instant.parse("2026-12-02T12:00:00Z"), LAB, 30,
                LocalDate.of(2026, 11, 1), lateEvening, CalibrationResult.PASS);
        assertThat(chicago.dueOn()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(chicago.state()).isEqualTo(DueState.OVERDUE);
        CalibrationStatus utc = CalibrationStatus.at(Instant.parse("2026-12-02T12:00:00Z"), ZoneId.of("UTC"), 30,
                LocalDate.of(2026, 11, 1), lateEvening, CalibrationResult.PASS);
        assertThat(utc.dueOn()).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(utc.state()).isEqualTo(DueState.DUE);
    }

    @Test
    void neverCalibratedIsDueOnThePlansFirstDueDay() {
        CalibrationStatus s = CalibrationStatus.at(Instant.parse("2026-11-25T12:00:00Z"), LAB, 30,
                LocalDate.of(2026, 11, 20), null, null);
        assertThat(s.state()).isEqualTo(DueState.OVERDUE);
        assertThat(s.text("K", "Generic HL7")).isEqualTo("calibration of K on Generic HL7 overdue since 2026-11-20");
        assertThat(CalibrationStatus.at(Instant.parse("2026-11-25T12:00:00Z"), LAB, 30, LocalDate.of(2027, 1, 1),
                null, null).state()).isEqualTo(DueState.CURRENT);
    }

    @Test
    void aFailedCalibrationLeavesTheAnalyteUncalibrated() {
        Instant failed = Instant.parse("2026-11-24T15:00:00Z");
        CalibrationStatus s = at("2026-11-24T10:00:00-06:00", failed, CalibrationResult.FAIL);
        assertThat(s.state()).isEqualTo(DueState.OVERDUE);
        assertThat(s.failed()).isTrue();
        assertThat(s.text("K", "Generic HL7"))
                .isEqualTo("calibration of K on Generic HL7 failed on 2026-11-24 (no passing calibration since)");
    }

    private static CalibrationStatus at(String now, Instant last, CalibrationResult result) {
        return CalibrationStatus.at(java.time.OffsetDateTime.parse(now).toInstant(), LAB, 30,
                LocalDate.of(2026, 11, 1), last, result);
    }
}
