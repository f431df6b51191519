package org.lavender.qc.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.qc.ControlLot;
import org.lavender.qc.NewControlLot;
import org.lavender.qc.QcLockout;
import org.lavender.qc.QcTarget;
import org.lavender.qc.QcValue;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The qc schema. A manual method is stored as analyzer '' and reported as null. */
@Repository
class QcRepository {

    static final String MANUAL = "";

    private static final String LOT = "id, lot_number, material, manufacturer, level, expires_on, open_vial_days,"
            + " vial_opened_on, version";
    private static final String TARGET = "t.id, t.lot_id, l.lot_number, l.level, t.test_code, t.analyzer, t.unit,"
            + " t.mean, t.sd, t.source";
    private static final String VALUE = "v.id, v.run_id, l.lot_number, l.level, v.test_code, v.analyzer, v.value,"
            + " v.unit, v.mean, v.sd, v.z, v.outcome, v.evaluation, v.observed_at, v.recorded_by, v.source,"
            + " v.lot_id";
    private static final String LOCKOUT = "id, test_code, analyzer, since, rejected_run_id, rejected_at, detail,"
            + " released_run_at, released_at";

    private final JdbcClient jdbc;

    QcRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    static String analyzerKey(String analyzer) {
        return analyzer == null || analyzer.isBlank() ? MANUAL : analyzer.strip();
    }

    static String analyzerOf(String key) {
        return key == null || key.isEmpty() ? null : key;
    }

    // --- lots and targets ---

    List<ControlLot> lots() {
        return jdbc.sql("select " + LOT + " from qc.control_lot order by expires_on desc, lot_number")
                .query(QcRepository::lot).list();
    }

    Optional<ControlLot> lot(String lotNumber) {
        return jdbc.sql("select " + LOT + " from qc.control_lot where lot_number = ?").param(lotNumber)
                .query(QcRepository::lot).optional();
    }

    Optional<ControlLot> lot(long id) {
        return jdbc.sql("select " + LOT + " from qc.control_lot where id = ?").param(id)
                .query(QcRepository::lot).optional();
    }

    long insertLot(NewControlLot l, Instant at, String by) {
        return jdbc.sql("""
                insert into qc.control_lot (lot_number, material, manufacturer, level, expires_on, open_vial_days,
                    vial_opened_on, created_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(l.lotNumber(), l.material(), l.manufacturer(), l.level(), Date.valueOf(l.expiresOn()),
                        l.openVialDays(), l.vialOpenedOn() == null ? null : Date.valueOf(l.vialOpenedOn()),
                        Timestamp.from(at), by)
                .query(Long.class).single();
    }

    boolean updateLot(long id, int version, NewControlLot l) {
        return jdbc.sql("""
                update qc.control_lot set lot_number = ?, material = ?, manufacturer = ?, level = ?, expires_on = ?,
                    open_vial_days = ?, vial_opened_on = ?, version = version + 1
                where id = ? and version = ?""")
                .params(l.lotNumber(), l.material(), l.manufacturer(), l.level(), Date.valueOf(l.expiresOn()),
                        l.openVialDays(), l.vialOpenedOn() == null ? null : Date.valueOf(l.vialOpenedOn()), id, version)
                .update() == 1;
    }

    List<QcTarget> targets(long lotId) {
        return jdbc.sql("select " + TARGET + " from qc.target t join qc.control_lot l on l.id = t.lot_id"
                        + " where t.lot_id = ? order by t.test_code, t.analyzer").param(lotId)
                .query(QcRepository::target).list();
    }

    /** Targets of a test on an analyzer, one per lot: the levels of that series. */
    List<QcTarget> seriesTargets(String testCode, String analyzer) {
        return jdbc.sql("select " + TARGET + " from qc.target t join qc.control_lot l on l.id = t.lot_id"
                        + " where t.test_code = ? and t.analyzer = ? order by l.level, l.lot_number")
                .params(testCode, analyzerKey(analyzer)).query(QcRepository::target).list();
    }

    /** Every test/analyzer pair with a target: what can be charted. */
    List<String[]> series() {
        return jdbc.sql("select distinct test_code, analyzer from qc.target order by test_code, analyzer")
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
    }

    Optional<QcTarget> target(long lotId, String testCode, String analyzer) {
        return jdbc.sql("select " + TARGET + " from qc.target t join qc.control_lot l on l.id = t.lot_id"
                        + " where t.lot_id = ? and t.test_code = ? and t.analyzer = ?")
                .params(lotId, testCode, analyzerKey(analyzer)).query(QcRepository::target).optional();
    }

    long upsertTarget(long lotId, String testCode, String analyzer, String unit, BigDecimal mean, BigDecimal sd,
                      String source, Instant at, String by) {
        return jdbc.sql("""
                insert into qc.target (lot_id, test_code, analyzer, unit, mean, sd, source, updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (lot_id, test_code, analyzer) do update set unit = excluded.unit, mean = excluded.mean,
                    sd = excluded.sd, source = excluded.source, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                returning id""")
                .params(lotId, testCode, analyzerKey(analyzer), unit, mean, sd, source, Timestamp.from(at), by)
                .query(Long.class).single();
    }

    /** The first values of a target that were not rejected, oldest first (to establish the lab's mean and SD). */
    List<BigDecimal> firstAcceptedValues(long targetId, int limit) {
        return jdbc.sql("select value from qc.value where target_id = ? and outcome <> 'REJECTED'"
                        + " order by observed_at, id limit ?")
                .params(targetId, limit).query(BigDecimal.class).list();
    }

    // --- rule sets ---

    Optional<String> rules(String testCode) {
        return jdbc.sql("select rules from qc.rule_set where test_code = ?").param(testCode).query(String.class)
                .optional();
    }

    void saveRules(String testCode, String rules, BigDecimal sigma, Instant at, String by) {
        jdbc.sql("""
                insert into qc.rule_set (test_code, rules, sigma, updated_at, updated_by) values (?, ?, ?, ?, ?)
                on conflict (test_code) do update set rules = excluded.rules, sigma = excluded.sigma,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(testCode, rules, sigma, Timestamp.from(at), by).update();
    }

    Map<String, String> allRules() {
        var map = new LinkedHashMap<String, String>();
        jdbc.sql("select test_code, rules from qc.rule_set order by test_code")
                .query((rs, n) -> map.put(rs.getString(1), rs.getString(2))).list();
        return map;
    }

    // --- series, runs and values ---

    /** Serialises recording on one test/analyzer, so the rules always see the values before in order. */
    void lockSeries(String testCode, String analyzer) {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('qc|' || ? || '|' || ?))")
                .params(testCode, analyzerKey(analyzer)).query((rs, n) -> 1).list();
    }

    /** Values of the series measured after {@code after} (null: any) up to {@code at}, newest {@code limit}, oldest first. */
    List<QcPoint> history(String testCode, String analyzer, Instant after, Instant at, int limit) {
        List<QcPoint> newestFirst = jdbc.sql("""
                select v.id, v.run_id, v.lot_id, l.lot_number, v.value, v.z from qc.value v
                join qc.control_lot l on l.id = v.lot_id
                where v.test_code = ? and v.analyzer = ? and v.observed_at <= ?
                  and (cast(? as timestamptz) is null or v.observed_at >= ?)
                order by v.observed_at desc, v.id desc limit ?""")
                .params(testCode, analyzerKey(analyzer), Timestamp.from(at), ts(after), ts(after), limit)
                .query((rs, n) -> new QcPoint(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4),
                        rs.getBigDecimal(5).doubleValue(), rs.getDouble(6)))
                .list();
        var oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    record RunRow(long id, Instant startedAt, String status, Set<Long> lotIds) {
    }

    Optional<RunRow> latestRun(String testCode, String analyzer, Instant at) {
        return jdbc.sql("""
                select r.id, r.started_at, r.status,
                    array(select distinct v.lot_id from qc.value v where v.run_id = r.id) as lots
                from qc.run r where r.test_code = ? and r.analyzer = ? and r.started_at <= ?
                order by r.started_at desc, r.id desc limit 1""")
                .params(testCode, analyzerKey(analyzer), Timestamp.from(at))
                .query((rs, n) -> new RunRow(rs.getLong(1), instant(rs, 2), rs.getString(3), longs(rs.getArray(4))))
                .optional();
    }

    Optional<RunRow> run(long id) {
        return jdbc.sql("select r.id, r.started_at, r.status,"
                        + " array(select distinct v.lot_id from qc.value v where v.run_id = r.id)"
                        + " from qc.run r where r.id = ?").param(id)
                .query((rs, n) -> new RunRow(rs.getLong(1), instant(rs, 2), rs.getString(3), longs(rs.getArray(4))))
                .optional();
    }

    long insertRun(String testCode, String analyzer, Instant startedAt) {
        return jdbc.sql("insert into qc.run (test_code, analyzer, started_at, status) values (?, ?, ?, 'ACCEPTED')"
                        + " returning id")
                .params(testCode, analyzerKey(analyzer), Timestamp.from(startedAt)).query(Long.class).single();
    }

    void updateRun(long id, String status, String rules) {
        jdbc.sql("update qc.run set status = ?, rules = ? where id = ?").params(status, rules, id).update();
    }

    /** Start of the last accepted (or warning) run of the series before a time, other than the given run. */
    Optional<Instant> lastAcceptableRunBefore(String testCode, String analyzer, Instant before, long exceptRun) {
        return jdbc.sql("""
                select started_at from qc.run where test_code = ? and analyzer = ? and status <> 'REJECTED'
                  and started_at < ? and id <> ? order by started_at desc, id desc limit 1""")
                .params(testCode, analyzerKey(analyzer), Timestamp.from(before), exceptRun)
                .query((rs, n) -> instant(rs, 1)).optional();
    }

    record NewValue(long runId, long lotId, long targetId, String testCode, String analyzer, BigDecimal value,
                    String unit, BigDecimal mean, BigDecimal sd, double z, String outcome, String evaluation,
                    Instant observedAt, Instant recordedAt, String recordedBy, String source, Long sourceRef,
                    String comment) {
    }

    long insertValue(NewValue v) {
        return jdbc.sql("""
                insert into qc.value (run_id, lot_id, target_id, test_code, analyzer, value, unit, mean, sd, z,
                    outcome, evaluation, observed_at, recorded_at, recorded_by, source, source_ref, comment)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(v.runId(), v.lotId(), v.targetId(), v.testCode(), analyzerKey(v.analyzer()), v.value(),
                        v.unit(), v.mean(), v.sd(), v.z(), v.outcome(), v.evaluation(), Timestamp.from(v.observedAt()),
                        Timestamp.from(v.recordedAt()), v.recordedBy(), v.source(), v.sourceRef(), v.comment())
                .query(Long.class).single();
    }

    void insertViolation(long valueId, long runId, String rule, String severity, String detail, List<Long> ids) {
        jdbc.sql("insert into qc.violation (value_id, run_id, rule, severity, detail, value_ids)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(valueId, runId, rule, severity, detail, ids.toArray(Long[]::new)).update();
    }

    boolean sourceHandled(long sourceRef) {
        return jdbc.sql("select exists (select 1 from qc.value where source_ref = ?)"
                        + " or exists (select 1 from qc.unfiled where source_ref = ?)")
                .params(sourceRef, sourceRef).query(Boolean.class).single();
    }

    List<QcValue> values(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return withViolations(jdbc.sql("select " + VALUE + " from qc.value v join qc.control_lot l on l.id = v.lot_id"
                        + " where v.id in (:ids) order by v.observed_at, v.id")
                .param("ids", ids).query(QcRepository::valueRow).list());
    }

    /** Values newest first, keyset by (observed_at, id); filters may be null. */
    List<QcValue> recentValues(String testCode, String analyzer, String outcome, Instant beforeAt, Long beforeId,
                               int size) {
        var sql = new StringBuilder("select " + VALUE
                + " from qc.value v join qc.control_lot l on l.id = v.lot_id where true");
        var params = new LinkedHashMap<String, Object>();
        if (testCode != null) {
            sql.append(" and v.test_code = :test");
            params.put("test", testCode);
        }
        if (analyzer != null) {
            sql.append(" and v.analyzer = :analyzer");
            params.put("analyzer", analyzer);
        }
        if (outcome != null) {
            sql.append(" and v.outcome = :outcome");
            params.put("outcome", outcome);
        }
        if (beforeAt != null) {
            sql.append(" and (v.observed_at, v.id) < (:beforeAt, :beforeId)");
            params.put("beforeAt", Timestamp.from(beforeAt));
            params.put("beforeId", beforeId);
        }
        sql.append(" order by v.observed_at desc, v.id desc limit :size");
        params.put("size", size);
        return withViolations(jdbc.sql(sql.toString()).params(params).query(QcRepository::valueRow).list());
    }

    /** A charted control value: what the Levey-Jennings chart and the monthly report show of it. */
    record ChartPoint(long id, Instant observedAt, BigDecimal value, double z, String outcome,
                      List<String> violations) {

        boolean rejected() {
            return "REJECTED".equals(outcome);
        }
    }

    /**
     * One lot's values of a test on an analyzer in a time range, oldest first (a Levey-Jennings chart); violations
     * are looked up only for the values that have any (outcome other than ACCEPTED).
     */
    List<ChartPoint> chartValues(long lotId, String testCode, String analyzer, Instant from, Instant to) {
        List<ChartPoint> points = jdbc.sql("select id, observed_at, value, z, outcome from qc.value"
                        + " where lot_id = ? and test_code = ? and analyzer = ? and observed_at >= ? and observed_at < ?"
                        + " order by observed_at, id")
                .params(lotId, testCode, analyzerKey(analyzer), Timestamp.from(from), Timestamp.from(to))
                .query((rs, n) -> new ChartPoint(rs.getLong(1), instant(rs, 2), rs.getBigDecimal(3), rs.getDouble(4),
                        rs.getString(5), List.of()))
                .list();
        List<Long> flagged = points.stream().filter(p -> !"ACCEPTED".equals(p.outcome())).map(ChartPoint::id).toList();
        if (flagged.isEmpty()) {
            return points;
        }
        Map<Long, List<String>> byValue = new HashMap<>();
        jdbc.sql("select value_id, rule, detail from qc.violation where value_id in (:ids) order by id")
                .param("ids", flagged)
                .query((rs, n) -> byValue.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + ": " + rs.getString(3)))
                .list();
        return points.stream().map(p -> byValue.containsKey(p.id()) ? new ChartPoint(p.id(), p.observedAt(), p.value(),
                p.z(), p.outcome(), byValue.get(p.id())) : p).toList();
    }

    private List<QcValue> withViolations(List<ValueRow> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> byValue = new HashMap<>();
        jdbc.sql("select value_id, rule, detail from qc.violation where value_id in (:ids) order by id")
                .param("ids", rows.stream().map(r -> r.value().id()).toList())
                .query((rs, n) -> byValue.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(rs.getString(2) + ": " + rs.getString(3)))
                .list();
        return rows.stream().map(r -> {
            QcValue v = r.value();
            return new QcValue(v.id(), v.runId(), v.lotNumber(), v.level(), v.testCode(), v.analyzer(), v.value(),
                    v.unit(), v.mean(), v.sd(), v.z(), v.outcome(), v.evaluation(),
                    byValue.getOrDefault(v.id(), List.of()), v.observedAt(), v.recordedBy(), v.source());
        }).toList();
    }

    private record ValueRow(QcValue value, long lotId) {
    }

    private static ValueRow valueRow(ResultSet rs, int n) throws SQLException {
        return new ValueRow(new QcValue(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getString(5), analyzerOf(rs.getString(6)), rs.getBigDecimal(7), rs.getString(8),
                rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getDouble(11), rs.getString(12), rs.getString(13),
                List.of(), instant(rs, 14), rs.getString(15), rs.getString(16)), rs.getLong(17));
    }

    // --- lockouts ---

    Optional<QcLockout> openLockout(String testCode, String analyzer) {
        return jdbc.sql("select " + LOCKOUT + " from qc.lockout where test_code = ? and analyzer = ?"
                        + " and released_at is null")
                .params(testCode, analyzerKey(analyzer)).query(QcRepository::lockout).optional()
                .map(this::withActions);
    }

    /** A patient result's question: its series (test on analyzer, '' for the manual method) and when measured. */
    record SeriesAt(String testCode, String analyzer, Instant at) {

        static SeriesAt of(String testCode, String analyzer, Instant at) {
            return new SeriesAt(testCode, analyzerKey(analyzer), at);
        }
    }

    /**
     * What a result's QC verdict rests on: the lockout it falls in (null: none), whether its series has a control
     * target, and the series' latest run at or before it (null: none yet).
     */
    record Standing(QcLockout lockout, boolean monitored, Instant lastRunAt, String lastRunStatus) {
    }

    /**
     * The standing of every question in one statement (plus one for the corrective actions of the lockouts found).
     * The lockout a result measured at t falls in: an open one it was measured in (t ≥ since), or an ended one whose
     * out-of-control window [since, releasedRunAt) contains t; an open one first, then the latest rejection.
     */
    Map<SeriesAt, Standing> standings(Collection<SeriesAt> questions) {
        if (questions.isEmpty()) {
            return Map.of();
        }
        List<SeriesAt> asked = List.copyOf(questions);
        record Row(int index, QcLockout lockout, boolean monitored, Instant lastRunAt, String lastRunStatus) {
        }
        List<Row> rows = jdbc.sql("""
                select l.*, exists (select 1 from qc.target t where t.test_code = q.test_code
                                      and t.analyzer = q.analyzer) as monitored,
                    r.started_at, r.status, q.i
                from unnest(cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]))
                    with ordinality as q(test_code, analyzer, measured_at, i)
                left join lateral (select %s from qc.lockout x
                                   where x.test_code = q.test_code and x.analyzer = q.analyzer
                                     and (x.since is null or x.since <= q.measured_at)
                                     and (x.released_at is null or q.measured_at < x.released_run_at)
                                   order by x.released_at is null desc, x.rejected_at desc limit 1) l on true
                left join lateral (select started_at, status from qc.run x
                                   where x.test_code = q.test_code and x.analyzer = q.analyzer
                                     and x.started_at <= q.measured_at
                                   order by x.started_at desc, x.id desc limit 1) r on true""".formatted(LOCKOUT))
                .params(asked.stream().map(SeriesAt::testCode).toArray(String[]::new),
                        asked.stream().map(SeriesAt::analyzer).toArray(String[]::new),
                        asked.stream().map(a -> a.at().toString()).toArray(String[]::new))
                .query((rs, n) -> new Row(rs.getInt(13) - 1, rs.getObject(1) == null ? null : lockout(rs, n),
                        rs.getBoolean(10), instant(rs, 11), rs.getString(12)))
                .list();
        Map<Long, QcLockout> found = new LinkedHashMap<>();
        rows.stream().map(Row::lockout).filter(java.util.Objects::nonNull).forEach(l -> found.putIfAbsent(l.id(), l));
        Map<Long, QcLockout> lockouts = withActions(List.copyOf(found.values())).stream()
                .collect(Collectors.toMap(QcLockout::id, l -> l));
        Map<SeriesAt, Standing> standings = new HashMap<>();
        for (Row row : rows) {
            standings.put(asked.get(row.index()), new Standing(row.lockout() == null ? null
                    : lockouts.get(row.lockout().id()), row.monitored(), row.lastRunAt(), row.lastRunStatus()));
        }
        return standings;
    }

    /** Start of the run that ended the series' latest lockout: the rules' memory begins again there. */
    Optional<Instant> lastRelease(String testCode, String analyzer) {
        return jdbc.sql("select max(released_run_at) from qc.lockout where test_code = ? and analyzer = ?")
                .params(testCode, analyzerKey(analyzer)).query((rs, n) -> instant(rs, 1)).optional()
                .filter(java.util.Objects::nonNull);
    }

    long insertLockout(String testCode, String analyzer, Instant since, long rejectedRunId, Instant rejectedAt,
                       String detail) {
        return jdbc.sql("""
                insert into qc.lockout (test_code, analyzer, since, rejected_run_id, rejected_at, detail)
                values (?, ?, ?, ?, ?, ?) returning id""")
                .params(testCode, analyzerKey(analyzer), ts(since), rejectedRunId, Timestamp.from(rejectedAt), detail)
                .query(Long.class).single();
    }

    void release(long lockoutId, long runId, Instant runAt, Instant at) {
        jdbc.sql("update qc.lockout set released_run_id = ?, released_run_at = ?, released_at = ? where id = ?")
                .params(runId, Timestamp.from(runAt), Timestamp.from(at), lockoutId).update();
    }

    /**
     * The first acceptable run of the series that started after {@code after} and measured every one of the
     * given lots: the QC rerun that may end a lockout.
     */
    Optional<RunRow> acceptableRunAfter(String testCode, String analyzer, Instant after, Set<Long> lots) {
        return jdbc.sql("""
                select r.id, r.started_at, r.status, array(select distinct v.lot_id from qc.value v where v.run_id = r.id)
                from qc.run r where r.test_code = ? and r.analyzer = ? and r.started_at > ? and r.status <> 'REJECTED'
                  and array(select distinct v.lot_id from qc.value v where v.run_id = r.id) @> ?
                order by r.started_at, r.id limit 1""")
                .params(testCode, analyzerKey(analyzer), Timestamp.from(after), lots.toArray(Long[]::new))
                .query((rs, n) -> new RunRow(rs.getLong(1), instant(rs, 2), rs.getString(3), longs(rs.getArray(4))))
                .optional();
    }

    Optional<QcLockout> lockout(long id) {
        return jdbc.sql("select " + LOCKOUT + " from qc.lockout where id = ?").param(id)
                .query(QcRepository::lockout).optional().map(this::withActions);
    }

    Optional<QcLockout> lockoutForUpdate(long id) {
        return jdbc.sql("select " + LOCKOUT + " from qc.lockout where id = ? for update").param(id)
                .query(QcRepository::lockout).optional().map(this::withActions);
    }

    List<QcLockout> openLockouts() {
        return withActions(jdbc.sql("select " + LOCKOUT + " from qc.lockout where released_at is null"
                + " order by rejected_at, id").query(QcRepository::lockout).list());
    }

    /** Ended lockouts, newest first, keyset by id. */
    List<QcLockout> endedLockouts(Long beforeId, int size) {
        return withActions(jdbc.sql("select " + LOCKOUT + " from qc.lockout where released_at is not null"
                        + " and (cast(? as bigint) is null or id < ?) order by id desc limit ?")
                .params(beforeId, beforeId, size).query(QcRepository::lockout).list());
    }

    long insertCorrectiveAction(long lockoutId, String action, String performedBy, Instant at, String by) {
        return jdbc.sql("""
                insert into qc.corrective_action (lockout_id, action, performed_by, recorded_at, recorded_by)
                values (?, ?, ?, ?, ?) returning id""")
                .params(lockoutId, action, performedBy, Timestamp.from(at), by).query(Long.class).single();
    }

    private QcLockout withActions(QcLockout l) {
        return withActions(List.of(l)).get(0);
    }

    private List<QcLockout> withActions(List<QcLockout> lockouts) {
        if (lockouts.isEmpty()) {
            return lockouts;
        }
        Map<Long, List<QcLockout.CorrectiveAction>> byLockout = new HashMap<>();
        jdbc.sql("select lockout_id, id, action, performed_by, recorded_at, recorded_by from qc.corrective_action"
                        + " where lockout_id in (:ids) order by id")
                .param("ids", lockouts.stream().map(QcLockout::id).toList())
                .query((rs, n) -> byLockout.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new QcLockout.CorrectiveAction(rs.getLong(2), rs.getString(3), rs.getString(4),
                                instant(rs, 5), rs.getString(6))))
                .list();
        return lockouts.stream().map(l -> new QcLockout(l.id(), l.testCode(), l.analyzer(), l.since(),
                l.rejectedRunId(), l.rejectedAt(), l.detail(), l.releasedRunAt(), l.releasedAt(),
                byLockout.getOrDefault(l.id(), List.of()))).collect(Collectors.toList());
    }

    private static QcLockout lockout(ResultSet rs, int n) throws SQLException {
        return new QcLockout(rs.getLong(1), rs.getString(2), analyzerOf(rs.getString(3)), instant(rs, 4),
                rs.getLong(5), instant(rs, 6), rs.getString(7), instant(rs, 8), instant(rs, 9), List.of());
    }

    // --- unfiled analyzer QC ---

    record Unfiled(long id, Long sourceRef, Long rawMessageId, String analyzer, String controlId, String testCode,
                   String instrumentCode, String valueText, String unit, Instant observedAt, Instant receivedAt,
                   String reason, Long filedValueId) {
    }

    long insertUnfiled(Unfiled u) {
        return jdbc.sql("""
                insert into qc.unfiled (source_ref, raw_message_id, analyzer, control_id, test_code, instrument_code,
                    value_text, unit, observed_at, received_at, reason)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(u.sourceRef(), u.rawMessageId(), u.analyzer(), u.controlId(), u.testCode(), u.instrumentCode(),
                        u.valueText(), u.unit(), Timestamp.from(u.observedAt()), Timestamp.from(u.receivedAt()),
                        u.reason())
                .query(Long.class).single();
    }

    Optional<Unfiled> unfiledForUpdate(long id) {
        return jdbc.sql("select * from qc.unfiled where id = ? for update").param(id)
                .query(QcRepository::unfiled).optional();
    }

    /** QC messages still waiting to be filed, newest first, keyset by id. */
    List<Unfiled> openUnfiled(Long beforeId, int size) {
        return jdbc.sql("select * from qc.unfiled where filed_value_id is null"
                        + " and (cast(? as bigint) is null or id < ?) order by id desc limit ?")
                .params(beforeId, beforeId, size).query(QcRepository::unfiled).list();
    }

    void markFiled(long unfiledId, long valueId) {
        jdbc.sql("update qc.unfiled set filed_value_id = ? where id = ?").params(valueId, unfiledId).update();
    }

    void updateUnfiledReason(long unfiledId, String reason) {
        jdbc.sql("update qc.unfiled set reason = ? where id = ?").params(reason, unfiledId).update();
    }

    private static Unfiled unfiled(ResultSet rs, int n) throws SQLException {
        return new Unfiled(rs.getLong("id"), (Long) rs.getObject("source_ref"), (Long) rs.getObject("raw_message_id"),
                rs.getString("analyzer"), rs.getString("control_id"), rs.getString("test_code"),
                rs.getString("instrument_code"), rs.getString("value_text"), rs.getString("unit"),
                instant(rs, "observed_at"), instant(rs, "received_at"), rs.getString("reason"),
                (Long) rs.getObject("filed_value_id"));
    }

    // --- mapping ---

    private static ControlLot lot(ResultSet rs, int n) throws SQLException {
        Date opened = rs.getDate(8);
        return new ControlLot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getDate(6).toLocalDate(), (Integer) rs.getObject(7), opened == null ? null : opened.toLocalDate(),
                rs.getInt(9));
    }

    private static QcTarget target(ResultSet rs, int n) throws SQLException {
        return new QcTarget(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                analyzerOf(rs.getString(6)), rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9),
                rs.getString(10));
    }

    private static Set<Long> longs(Array array) throws SQLException {
        Object[] values = (Object[]) array.getArray();
        var set = new java.util.HashSet<Long>();
        for (Object o : values) {
            set.add(((Number) o).longValue());
        }
        return set;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    static LocalDate date(Instant at, java.time.ZoneId zone) {
        return at.atZone(zone).toLocalDate();
    }
}
