package org.lavender.results.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CriticalCallRepository {

    private static final String COLUMNS = "id, result_id, patient_id, accession, test_name, value_text, unit,"
            + " interpretation, detected_at, deadline, status, escalated_at, completed_at, completed_by";

    private final JdbcClient jdbc;

    CriticalCallRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Long> openFor(long resultId) {
        return jdbc.sql("select id from results.critical_call where result_id = ? and status <> 'DONE'")
                .param(resultId).query(Long.class).optional();
    }

    long open(long resultId, long patientId, String accession, String testName, String value, String unit,
              String interpretation, Instant detectedAt, Instant deadline) {
        return jdbc.sql("""
                insert into results.critical_call (result_id, patient_id, accession, test_name, value_text, unit,
                    interpretation, detected_at, deadline, status)
                values (?,?,?,?,?,?,?,?,?,'OPEN') returning id""")
                .params(resultId, patientId, accession, testName, value, unit, interpretation, ts(detectedAt),
                        ts(deadline))
                .query(Long.class).single();
    }

    /** A newer critical value of a result whose call is still open replaces the value to be called. */
    void updateValue(long callId, String value, String interpretation) {
        jdbc.sql("update results.critical_call set value_text = ?, interpretation = ? where id = ?")
                .params(value, interpretation, callId).update();
    }

    Optional<CriticalCall> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from results.critical_call where id = ? for update").param(id)
                .query(CriticalCallRepository::call).optional().map(c -> withAttempts(List.of(c)).get(0));
    }

    /** Open and overdue calls, most urgent deadline first, keyset after (deadline, id). */
    List<CriticalCall> queue(Instant afterDeadline, Long afterId, int size) {
        String keyset = afterDeadline == null ? "" : " and (deadline, id) > (:deadline, :id)";
        var sql = jdbc.sql("select " + COLUMNS + " from results.critical_call where status <> 'DONE'" + keyset
                + " order by deadline, id limit :size").param("size", size);
        if (afterDeadline != null) {
            sql = sql.param("deadline", ts(afterDeadline)).param("id", afterId);
        }
        return withAttempts(sql.query(CriticalCallRepository::call).list());
    }

    /** Calls completed since the given time, newest first (the day's documentation). */
    List<CriticalCall> doneSince(Instant since, int limit) {
        return withAttempts(jdbc.sql("select " + COLUMNS + " from results.critical_call where status = 'DONE'"
                        + " and completed_at >= ? order by completed_at desc, id desc limit ?")
                .params(ts(since), limit).query(CriticalCallRepository::call).list());
    }

    List<CriticalCall> forResult(long resultId) {
        return withAttempts(jdbc.sql("select " + COLUMNS + " from results.critical_call where result_id = ?"
                + " order by id").param(resultId).query(CriticalCallRepository::call).list());
    }

    List<CriticalCall> forResults(Collection<Long> resultIds) {
        if (resultIds.isEmpty()) {
            return List.of();
        }
        return withAttempts(jdbc.sql("select " + COLUMNS + " from results.critical_call where result_id in (:ids)"
                + " order by id").param("ids", resultIds).query(CriticalCallRepository::call).list());
    }

    void addAttempt(long callId, Instant at, String by, String recipient, String contact, boolean reached,
                    Boolean readBack, String note) {
        jdbc.sql("""
                insert into results.critical_call_attempt (call_id, called_at, called_by, recipient, contact, reached,
                    read_back, note) values (?,?,?,?,?,?,?,?)""")
                .params(callId, ts(at), by, recipient, contact, reached, readBack, note).update();
    }

    void complete(long callId, Instant at, String by) {
        jdbc.sql("update results.critical_call set status = 'DONE', completed_at = ?, completed_by = ? where id = ?")
                .params(ts(at), by, callId).update();
    }

    /** Marks open calls past their deadline overdue; returns them for the audit trail. */
    List<CriticalCall> escalate(Instant now) {
        return jdbc.sql("update results.critical_call set status = 'OVERDUE', escalated_at = ?"
                        + " where status = 'OPEN' and deadline < ? returning " + COLUMNS)
                .params(ts(now), ts(now)).query(CriticalCallRepository::call).list();
    }

    private List<CriticalCall> withAttempts(List<CriticalCall> calls) {
        if (calls.isEmpty()) {
            return calls;
        }
        Collection<Long> ids = calls.stream().map(CriticalCall::id).toList();
        Map<Long, List<CriticalCall.Attempt>> byCall = jdbc.sql("""
                select call_id, id, called_at, called_by, recipient, contact, reached, read_back, note
                from results.critical_call_attempt where call_id in (:ids) order by id""")
                .param("ids", ids)
                .query((rs, n) -> Map.entry(rs.getLong(1), new CriticalCall.Attempt(rs.getLong(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBoolean(7), (Boolean) rs.getObject(8), rs.getString(9))))
                .list().stream().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return calls.stream().map(c -> new CriticalCall(c.id(), c.resultId(), c.patientId(), c.accession(),
                c.testName(), c.valueText(), c.unit(), c.interpretation(), c.detectedAt(), c.deadline(), c.status(),
                c.escalatedAt(), c.completedAt(), c.completedBy(), byCall.getOrDefault(c.id(), List.of()))).toList();
    }

    private static CriticalCall call(ResultSet rs, int n) throws SQLException {
        return new CriticalCall(rs.getLong("id"), rs.getLong("result_id"), rs.getLong("patient_id"),
                rs.getString("accession"), rs.getString("test_name"), rs.getString("value_text"), rs.getString("unit"),
                rs.getString("interpretation"), instant(rs, "detected_at"), instant(rs, "deadline"),
                rs.getString("status"), instant(rs, "escalated_at"), instant(rs, "completed_at"),
                rs.getString("completed_by"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }
}
