package org.lavender.equipment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

/**
 * Equipment assets and their upkeep. Configuration (assets, schedules, calibration plans) is for admins and
 * verifiers; technicians sign off maintenance, record calibrations, temperatures and downtime. Every change is
 * audited; bad input is refused whole with a specific message.
 */
public interface Equipment {

    List<Asset> assets();

    Optional<Asset> asset(long id);

    /** The asset linked to an analyzer of the instruments module, by the analyzer's name. */
    Optional<Asset> assetByAnalyzer(String analyzerName);

    Asset create(AssetSettings settings);

    /** Changes an asset, refused if someone changed it since {@code version}. */
    Asset update(long id, int version, AssetSettings settings);

    /** Adds a maintenance schedule; {@code startsOn} (null: today) is the day it is first due. */
    MaintenanceTask schedule(NewMaintenanceSchedule schedule, java.time.LocalDate startsOn);

    Optional<MaintenanceTask> task(long scheduleId);

    /** Every schedule of the asset with where it stands now. */
    List<MaintenanceTask> maintenance(long assetId);

    /**
     * Signs a maintenance task off as done now (or at {@code performedAt} for a log written up later, not in the
     * future); every checklist item must be ticked.
     */
    MaintenanceRecord signOff(long scheduleId, List<String> checked, String comment, Instant performedAt);

    /** Ends a maintenance schedule (admin, verifier), with the reason; its sign-offs stay in the log. */
    MaintenanceTask retireSchedule(long scheduleId, String reason);

    Slice<MaintenanceRecord> maintenanceLog(long assetId, String cursor, int size);

    CalibrationPlan planCalibration(NewCalibrationPlan plan);

    List<CalibrationPlan> calibrations(long assetId);

    CalibrationEntry recordCalibration(long planId, CalibrationResult result, String calibratorLot, String comment,
                                       Instant performedAt);

    /** Ends a calibration plan (admin, verifier), with the reason; it no longer holds results. */
    CalibrationPlan retireCalibration(long planId, String reason);

    Slice<CalibrationEntry> calibrationLog(long assetId, String cursor, int size);

    /** Logs a reading (read now, or at {@code readAt} within the last 7 days), flagged against the asset's range. */
    TemperatureReading recordTemperature(long assetId, String value, String unit, String comment, Instant readAt);

    /** Documents what was done about an out-of-range reading. */
    TemperatureReading correctiveAction(long readingId, String action);

    Slice<TemperatureReading> temperatures(long assetId, String cursor, int size);

    /** Takes an asset out of service; publishes {@link InstrumentDown}. */
    Downtime startDowntime(long assetId, String reason);

    Downtime endDowntime(long downtimeId, String resolution);

    Slice<Downtime> downtime(long assetId, String cursor, int size);

    EquipmentDashboard dashboard();
}
