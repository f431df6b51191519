package org.lavender.equipment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.equipment.CalibrationEntry;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.Downtime;
import org.lavender.equipment.Frequency;
import org.lavender.equipment.MaintenanceInterval;
import org.lavender.equipment.MaintenanceRecord;
import org.lavender.equipment.Temperature;
import org.lavender.equipment.TemperatureRange;
import org.lavender.equipment.TemperatureReading;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Maintenance schedules and sign-offs, calibration plans and records, temperature readings and downtime. */
@Repository
class UpkeepRepository {

    private static final String SCHEDULES = """
            select s.id, s.asset_id, a.tag, a.name as asset_name, s.title, s.frequency, s.every, s.checklist,
                s.starts_on, s.runs_at_start, s.active, a.runs, r.performed_at, r.performed_by, r.runs_at
            from equipment.maintenance_schedule s
            join equipment.asset a on a.id = s.asset_id
            left join lateral (select performed_at, performed_by, runs_at from equipment.maintenance_record m
                               where m.schedule_id = s.id order by performed_at desc, id desc limit 1) r on true
            """;

    private static final String PLAN_COLUMNS = """
            p.id, p.asset_id, a.name as asset_name, a.analyzer_name, p.test_code, p.interval_days, p.first_due_on,
                p.active, r.performed_at, r.result""";

    private static final String PLANS = "select " + PLAN_COLUMNS + """

            from equipment.calibration_plan p
            join equipment.asset a on a.id = p.asset_id
            left join lateral (select performed_at, result from equipment.calibration_record c
                               where c.plan_id = p.id and c.performed_at <= :at
                               order by performed_at desc, id desc limit 1) r on true
            """;

    private static final String READINGS = """
            select t.id, t.asset_id, a.name as asset_name, t.recorded_at, t.value, t.unit, t.celsius, t.min_celsius,
                t.max_celsius, t.in_range, t.recorded_by, t.comment, t.corrective_action, t.action_by, t.action_at
            from equipment.temperature_reading t join equipment.asset a on a.id = t.asset_id
            """;

    private static final String DOWNTIME = """
            select d.id, d.asset_id, a.name as asset_name, d.started_at, d.reason, d.started_by, d.ended_at,
                d.ended_by, d.resolution
            from equipment.downtime d join equipment.asset a on a.id = d.asset_id
            """;

    private final JdbcClient jdbc;

    UpkeepRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // ---- maintenance

    long insertSchedule(long assetId, String title, MaintenanceInterval interval, List<String> checklist,
                        LocalDate startsOn, long runsAtStart, Instant now) {
        return jdbc.sql("""
                insert into equipment.maintenance_schedule (asset_id, title, frequency, every, checklist, starts_on,
                    runs_at_start, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(assetId, title, interval.frequency().name(), interval.every(),
                        checklist.toArray(String[]::new), startsOn, runsAtStart, Rows.timestamp(now))
                .query(Long.class).single();
    }

    Optional<ScheduleRow> schedule(long id) {
        return jdbc.sql(SCHEDULES + " where s.id = ?").param(id).query(UpkeepRepository::schedule).optional();
    }

    List<ScheduleRow> schedules(long assetId) {
        return jdbc.sql(SCHEDULES + " where s.asset_id = ? order by s.title, s.id").param(assetId)
                .query(UpkeepRepository::schedule).list();
    }

    List<ScheduleRow> activeSchedules() {
        return jdbc.sql(SCHEDULES + " where s.active and a.active order by a.tag, s.title, s.id")
                .query(UpkeepRepository::schedule).list();
    }

    boolean retireSchedule(long id) {
        return jdbc.sql("update equipment.maintenance_schedule set active = false where id = ? and active").param(id)
                .update() == 1;
    }

    long insertRecord(long scheduleId, long assetId, Instant performedAt, String by, long runsAt,
                      List<String> checked, String comment) {
        return jdbc.sql("""
                insert into equipment.maintenance_record (schedule_id, asset_id, performed_at, performed_by, runs_at,
                    checked, comment)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(scheduleId, assetId, Rows.timestamp(performedAt), by, runsAt, checked.toArray(String[]::new),
                        comment)
                .query(Long.class).single();
    }

    List<MaintenanceRecord> records(long assetId, Long beforeId, int limit) {
        return jdbc.sql("""
                select m.id, m.schedule_id, s.title, m.performed_at, m.performed_by, m.runs_at, m.checked, m.comment
                from equipment.maintenance_record m join equipment.maintenance_schedule s on s.id = m.schedule_id
                where m.asset_id = :asset and (cast(:before as bigint) is null or m.id < :before)
                order by m.id desc limit :limit""")
                .param("asset", assetId).param("before", beforeId).param("limit", limit)
                .query((rs, n) -> new MaintenanceRecord(rs.getLong("id"), rs.getLong("schedule_id"),
                        rs.getString("title"), Rows.instant(rs, "performed_at"), rs.getString("performed_by"),
                        rs.getLong("runs_at"), Rows.strings(rs.getArray("checked")), rs.getString("comment")))
                .list();
    }

    private static ScheduleRow schedule(ResultSet rs, int n) throws SQLException {
        long lastRuns = rs.getLong("runs_at");
        Long lastDoneRuns = rs.wasNull() ? null : lastRuns;
        return new ScheduleRow(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("tag"),
                rs.getString("asset_name"), rs.getString("title"),
                new MaintenanceInterval(Frequency.valueOf(rs.getString("frequency")), rs.getInt("every")),
                Rows.strings(rs.getArray("checklist")), Rows.date(rs, "starts_on"), rs.getLong("runs_at_start"),
                rs.getBoolean("active"), rs.getLong("runs"), Rows.instant(rs, "performed_at"),
                rs.getString("performed_by"), lastDoneRuns);
    }

    // ---- calibration

    Optional<Long> planFor(long assetId, String testCode) {
        return jdbc.sql("select id from equipment.calibration_plan where asset_id = ? and active"
                        + " and coalesce(test_code, '*') = coalesce(?, '*')")
                .params(assetId, testCode).query(Long.class).optional();
    }

    long insertPlan(long assetId, String testCode, int intervalDays, LocalDate firstDueOn, Instant now) {
        return jdbc.sql("""
                insert into equipment.calibration_plan (asset_id, test_code, interval_days, first_due_on, created_at)
                values (?, ?, ?, ?, ?) returning id""")
                .params(assetId, testCode, intervalDays, firstDueOn, Rows.timestamp(now)).query(Long.class).single();
    }

    Optional<PlanRow> plan(long id, Instant at) {
        return jdbc.sql(PLANS + " where p.id = :id").param("id", id).param("at", Rows.timestamp(at))
                .query(UpkeepRepository::plan).optional();
    }

    List<PlanRow> plans(long assetId, Instant at) {
        return jdbc.sql(PLANS + " where p.asset_id = :asset order by p.test_code nulls first")
                .param("asset", assetId).param("at", Rows.timestamp(at)).query(UpkeepRepository::plan).list();
    }

    List<PlanRow> activePlans(Instant at) {
        return jdbc.sql(PLANS + " where p.active and a.active order by a.name, p.test_code nulls first")
                .param("at", Rows.timestamp(at)).query(UpkeepRepository::plan).list();
    }

    /**
     * For each question, in one statement: the plans that cover the test on the analyzer (its own plan and the
     * whole-analyzer plan, the latter first), each with its latest calibration up to the moment asked.
     */
    Map<AnalyteAt, List<PlanRow>> plansCovering(Collection<AnalyteAt> questions) {
        if (questions.isEmpty()) {
            return Map.of();
        }
        List<AnalyteAt> asked = List.copyOf(questions);
        Map<AnalyteAt, List<PlanRow>> plans = new HashMap<>();
        jdbc.sql("select k.i, " + PLAN_COLUMNS + " from " + AnalyteAt.TABLE + """

                 join equipment.asset a on lower(a.analyzer_name) = lower(k.analyzer_name) and a.active
                 join equipment.calibration_plan p on p.asset_id = a.id and p.active
                   and (p.test_code is null or p.test_code = k.test_code)
                 left join lateral (select performed_at, result from equipment.calibration_record c
                                    where c.plan_id = p.id and c.performed_at <= k.measured_at
                                    order by performed_at desc, id desc limit 1) r on true
                 order by k.i, p.test_code nulls first, p.id""")
                .params(AnalyteAt.columns(asked))
                .query((rs, n) -> plans.computeIfAbsent(asked.get(rs.getInt("i") - 1), q -> new ArrayList<>())
                        .add(plan(rs, n)))
                .list();
        return plans;
    }

    boolean retirePlan(long id) {
        return jdbc.sql("update equipment.calibration_plan set active = false where id = ? and active").param(id)
                .update() == 1;
    }

    long insertCalibration(long planId, long assetId, Instant performedAt, String by, CalibrationResult result,
                           String calibratorLot, String comment) {
        return jdbc.sql("""
                insert into equipment.calibration_record (plan_id, asset_id, performed_at, performed_by, result,
                    calibrator_lot, comment)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(planId, assetId, Rows.timestamp(performedAt), by, result.name(), calibratorLot, comment)
                .query(Long.class).single();
    }

    List<CalibrationEntry> calibrations(long assetId, Long beforeId, int limit) {
        return jdbc.sql("""
                select id, plan_id, performed_at, performed_by, result, calibrator_lot, comment
                from equipment.calibration_record
                where asset_id = :asset and (cast(:before as bigint) is null or id < :before)
                order by id desc limit :limit""")
                .param("asset", assetId).param("before", beforeId).param("limit", limit)
                .query((rs, n) -> new CalibrationEntry(rs.getLong("id"), rs.getLong("plan_id"),
                        Rows.instant(rs, "performed_at"), rs.getString("performed_by"),
                        CalibrationResult.valueOf(rs.getString("result")), rs.getString("calibrator_lot"),
                        rs.getString("comment")))
                .list();
    }

    private static PlanRow plan(ResultSet rs, int n) throws SQLException {
        String result = rs.getString("result");
        return new PlanRow(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("asset_name"),
                rs.getString("analyzer_name"), rs.getString("test_code"), rs.getInt("interval_days"),
                Rows.date(rs, "first_due_on"), rs.getBoolean("active"), Rows.instant(rs, "performed_at"),
                result == null ? null : CalibrationResult.valueOf(result));
    }

    // ---- temperatures

    long insertReading(long assetId, Instant at, Temperature t, TemperatureRange range, boolean inRange, String by,
                       String comment) {
        return jdbc.sql("""
                insert into equipment.temperature_reading (asset_id, recorded_at, value, unit, celsius, min_celsius,
                    max_celsius, in_range, recorded_by, comment)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(assetId, Rows.timestamp(at), t.value(), t.unit().ucum(), t.celsius(), range.minCelsius(),
                        range.maxCelsius(), inRange, by, comment)
                .query(Long.class).single();
    }

    Optional<TemperatureReading> reading(long id) {
        return jdbc.sql(READINGS + " where t.id = ?").param(id).query(UpkeepRepository::reading).optional();
    }

    Optional<TemperatureReading> lockReading(long id) {
        return jdbc.sql(READINGS + " where t.id = ? for update of t").param(id).query(UpkeepRepository::reading)
                .optional();
    }

    void correctiveAction(long id, String action, String by, Instant at) {
        jdbc.sql("update equipment.temperature_reading set corrective_action = ?, action_by = ?, action_at = ?"
                + " where id = ?").params(action, by, Rows.timestamp(at), id).update();
    }

    List<TemperatureReading> readings(long assetId, Long beforeId, int limit) {
        return jdbc.sql(READINGS + " where t.asset_id = :asset and (cast(:before as bigint) is null or t.id < :before)"
                        + " order by t.id desc limit :limit")
                .param("asset", assetId).param("before", beforeId).param("limit", limit)
                .query(UpkeepRepository::reading).list();
    }

    List<TemperatureReading> unresolvedOutOfRange(int limit) {
        return jdbc.sql(READINGS + " where not t.in_range and t.corrective_action is null order by t.id desc limit ?")
                .param(limit).query(UpkeepRepository::reading).list();
    }

    private static TemperatureReading reading(ResultSet rs, int n) throws SQLException {
        String unit = rs.getString("unit");
        Temperature t = new Temperature(rs.getBigDecimal("value"), Temperature.Unit.parse(unit));
        return new TemperatureReading(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("asset_name"),
                Rows.instant(rs, "recorded_at"), t, rs.getBigDecimal("celsius"),
                new TemperatureRange(rs.getBigDecimal("min_celsius"), rs.getBigDecimal("max_celsius")),
                rs.getBoolean("in_range"), rs.getString("recorded_by"), rs.getString("comment"),
                rs.getString("corrective_action"), rs.getString("action_by"), Rows.instant(rs, "action_at"));
    }

    // ---- downtime

    long insertDowntime(long assetId, Instant at, String reason, String by) {
        return jdbc.sql("insert into equipment.downtime (asset_id, started_at, reason, started_by)"
                        + " values (?, ?, ?, ?) returning id")
                .params(assetId, Rows.timestamp(at), reason, by).query(Long.class).single();
    }

    Optional<Downtime> openDowntime(long assetId) {
        return jdbc.sql(DOWNTIME + " where d.asset_id = ? and d.ended_at is null").param(assetId)
                .query(UpkeepRepository::downtime).optional();
    }

    Optional<Downtime> lockDowntime(long id) {
        return jdbc.sql(DOWNTIME + " where d.id = ? for update of d").param(id).query(UpkeepRepository::downtime)
                .optional();
    }

    Optional<Downtime> downtime(long id) {
        return jdbc.sql(DOWNTIME + " where d.id = ?").param(id).query(UpkeepRepository::downtime).optional();
    }

    void endDowntime(long id, Instant at, String by, String resolution) {
        jdbc.sql("update equipment.downtime set ended_at = ?, ended_by = ?, resolution = ? where id = ?")
                .params(Rows.timestamp(at), by, resolution, id).update();
    }

    List<Downtime> downtimes(long assetId, Long beforeId, int limit) {
        return jdbc.sql(DOWNTIME + " where d.asset_id = :asset and (cast(:before as bigint) is null or d.id < :before)"
                        + " order by d.id desc limit :limit")
                .param("asset", assetId).param("before", beforeId).param("limit", limit)
                .query(UpkeepRepository::downtime).list();
    }

    List<Downtime> activeDowntime() {
        return jdbc.sql(DOWNTIME + " where d.ended_at is null order by d.started_at").query(UpkeepRepository::downtime)
                .list();
    }

    private static Downtime downtime(ResultSet rs, int n) throws SQLException {
        return new Downtime(rs.getLong("id"), rs.getLong("asset_id"), rs.getString("asset_name"),
                Rows.instant(rs, "started_at"), rs.getString("reason"), rs.getString("started_by"),
                Rows.instant(rs, "ended_at"), rs.getString("ended_by"), rs.getString("resolution"));
    }
}
