package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultRevision;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ResultRepository {

    static final String COLUMNS = "id, specimen_id, accession, order_id, order_item_id, patient_id, test_code, loinc,"
            + " test_name, section, value_text, comparator, numeric_value, unit, interpretation, ref_interval_id,"
            + " ref_low, ref_high, ref_text, status, collected_at, received_at, resulted_at, resulted_by,"
            + " verified_at, verified_by, comment, version, priority, result_type, decimals";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    ResultRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Opens a pending result; a redelivered receipt event finds it already there and changes nothing. */
    boolean openPending(PendingResult p) {
        return jdbc.sql("""
                insert into results.result (specimen_id, accession, order_id, order_item_id, patient_id, priority,
                    priority_rank, test_code, loinc, test_name, section, result_type, unit, decimals, status,
                    collected_at, received_at)
                values (:specimen, :accession, :order, :item, :patient, :priority, :rank, :code, :loinc, :name,
                    :section, :type, :unit, :decimals, 'PENDING', :collected, :received)
                on conflict (specimen_id, test_code) do nothing""")
                .param("specimen", p.specimenId()).param("accession", p.accession()).param("order", p.orderId())
                .param("item", p.orderItemId()).param("patient", p.patientId()).param("priority", p.priority().name())
                .param("rank", p.priority().ordinal()).param("code", p.testCode()).param("loinc", p.loinc())
                .param("name", p.testName()).param("section", p.section()).param("type", p.resultType())
                .param("unit", p.unit()).param("decimals", p.decimals())
                .param("collected", ts(p.collectedAt())).param("received", ts(p.receivedAt()))
                .update() == 1;
    }

    Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from results.result where id = ?").param(id)
                .query(ResultRepository::row).optional();
    }

    Optional<Row> findForUpdate(long id) {
        return jdbc.sql("select " + COLUMNS + " from results.result where id = ? for update").param(id)
                .query(ResultRepository::row).optional();
    }

    /** Every result of the tubes, locked (in id order, so two writers of one tube queue rather than deadlock). */
    List<Row> forSpecimensForUpdate(Collection<Long> specimenIds) {
        return jdbc.sql("select " + COLUMNS + " from results.result where specimen_id = any(?) order by id"
                        + " for update").param(specimenIds.toArray(Long[]::new)).query(ResultRepository::row).list();
    }

    List<Row> findAll(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from results.result where id in (:ids) order by id")
                .param("ids", ids).query(ResultRepository::row).list();
    }

    List<Row> forSpecimens(Collection<Long> specimenIds, Collection<ResultStatus> statuses) {
        if (specimenIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from results.result where specimen_id in (:ids)"
                        + " and status in (:statuses) order by specimen_id, id")
                .param("ids", specimenIds).param("statuses", statuses.stream().map(Enum::name).toList())
                .query(ResultRepository::row).list();
    }

    List<Row> forOrder(long orderId) {
        return jdbc.sql("select " + COLUMNS + " from results.result where order_id = ? order by specimen_id, id")
                .param(orderId).query(ResultRepository::row).list();
    }

    List<Row> forOrders(Collection<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select " + COLUMNS + " from results.result where order_id in (:ids) order by order_id, id")
                .param("ids", orderIds).query(ResultRepository::row).list();
    }

    List<Row> forPatient(long patientId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from results.result where patient_id = ? and status <> 'PENDING'"
                        + " order by collected_at desc nulls last, id desc limit ?")
                .params(patientId, limit).query(ResultRepository::row).list();
    }

    /** By who sent the value ("analyzer:<name>"; null: entered by a person) and when, oldest first. */
    List<Row> measuredOn(String testCode, String resultedBy, Instant from, Instant to, int limit) {
        String by = resultedBy != null ? "resulted_by = :by"
                : "resulted_by not like 'analyzer:%' and resulted_by <> 'calculation'";
        return jdbc.sql("select " + COLUMNS + " from results.result where test_code = :test and " + by
                        + " and resulted_at < :to and (cast(:from as timestamptz) is null or resulted_at >= :from)"
                        + " order by resulted_at, id limit :limit")
                .param("test", testCode).param("by", resultedBy).param("to", Timestamp.from(to))
                .param("from", from == null ? null : Timestamp.from(from)).param("limit", limit)
                .query(ResultRepository::row).list();
    }

    List<Row> search(ResultQuery q, Long beforeId, int size) {
        var sql = new StringBuilder("select " + COLUMNS + " from results.result where true");
        var params = new java.util.LinkedHashMap<String, Object>();
        if (q.patientId() != null) {
            sql.append(" and patient_id = :patient");
            params.put("patient", q.patientId());
        }
        if (q.specimenId() != null) {
            sql.append(" and specimen_id = :specimen");
            params.put("specimen", q.specimenId());
        }
        if (q.orderId() != null) {
            sql.append(" and order_id = :order");
            params.put("order", q.orderId());
        }
        if (q.orderItemId() != null) {
            sql.append(" and order_item_id = :item");
            params.put("item", q.orderItemId());
        }
        if (q.testCodeOrLoinc() != null) {
            sql.append(" and (loinc = :code or test_code = :code)");
            params.put("code", q.testCodeOrLoinc());
        }
        if (q.statuses() != null && !q.statuses().isEmpty()) {
            sql.append(" and status in (:statuses)");
            params.put("statuses", q.statuses().stream().map(Enum::name).toList());
            // Open results are found through their worklist table, never by scanning every result ever filed.
            if (q.statuses().stream().allMatch(ResultStatus::open)) {
                sql.append(" and id in (select result_id from results.open_result where status in (:statuses))");
            }
        }
        if (beforeId != null) {
            sql.append(" and id < :before");
            params.put("before", beforeId);
        }
        sql.append(" order by id desc limit :size");
        params.put("size", size);
        return jdbc.sql(sql.toString()).params(params).query(ResultRepository::row).list();
    }

    /** Specimens of a section with open results, STAT first then oldest receipt: one worklist page. */
    List<WorklistKey> worklistSpecimens(String section, Collection<ResultStatus> statuses, WorklistKey after,
                                        int size) {
        return jdbc.sql("""
                select specimen_id, min(priority_rank) as rank, min(received_at) as received
                from results.open_result
                where section = :section and status in (:statuses)
                group by specimen_id
                having (:afterRank::int is null
                        or (min(priority_rank), min(received_at), specimen_id) > (:afterRank, :afterReceived, :afterId))
                order by rank, received, specimen_id
                limit :size""")
                .param("section", section).param("statuses", statuses.stream().map(Enum::name).toList())
                .param("afterRank", after == null ? null : after.rank())
                .param("afterReceived", after == null ? null : ts(after.receivedAt()))
                .param("afterId", after == null ? null : after.specimenId())
                .param("size", size)
                .query((rs, n) -> new WorklistKey(rs.getInt("rank"), rs.getTimestamp("received").toInstant(),
                        rs.getLong("specimen_id")))
                .list();
    }

    void saveValue(Row r, String changedBy, Instant at) {
        saveValues(List.of(r), changedBy, at, ResultIntelligence.Judged.NONE);
    }

    /**
     * Stores new values (an analyzer batch's, say) in one statement, the rows passed as parallel arrays; each row's
     * version is checked. A result {@code judged} already (judged before it was written) is written once with its
     * value, its checks and, when autoverification released it or gave its first verification, that too; the
     * others keep their checks until they are judged.
     */
    void saveValues(List<Row> rows, String changedBy, Instant at, ResultIntelligence.Judged judged) {
        if (rows.isEmpty()) {
            return;
        }
        List<LabResult> r = rows.stream().map(Row::result).toList();
        Set<Long> released = judged.released().stream().map(LabResult::id).collect(Collectors.toSet());
        List<IntelligenceRepository.CheckRow> c = r.stream().map(x -> judged.checks().get(x.id())).toList();
        String judgedAt = judged.at() == null ? null : judged.at().toString();
        jdbc.sql("""
                update results.result t set value_text = v.value_text, comparator = v.comparator,
                    numeric_value = v.numeric_value, unit = v.unit, interpretation = v.interpretation,
                    ref_interval_id = v.ref_interval_id, ref_low = v.ref_low, ref_high = v.ref_high,
                    ref_text = v.ref_text, status = v.status, resulted_at = ?, resulted_by = ?, comment = v.comment,
                    verified_at = v.verified_at, verified_by = v.verified_by,
                    delta_text = case when v.judged then v.delta_text else t.delta_text end,
                    delta_failed = case when v.judged then v.delta_failed else t.delta_failed end,
                    delta_previous_value = case when v.judged then v.previous_value else t.delta_previous_value end,
                    delta_previous_at = case when v.judged then v.previous_at else t.delta_previous_at end,
                    autoverification = case when v.judged then v.decision else t.autoverification end,
                    held_reasons = case when v.judged then v.held_reasons else t.held_reasons end,
                    first_verified_at = case when v.first_by is not null then v.first_at
                        when v.clear_first then null else t.first_verified_at end,
                    first_verified_by = case when v.first_by is not null then v.first_by
                        when v.clear_first then null else t.first_verified_by end,
                    version = t.version + 1
                from unnest(?::bigint[], ?::int[], ?::text[], ?::text[], ?::numeric[], ?::text[], ?::text[],
                            ?::bigint[], ?::numeric[], ?::numeric[], ?::text[], ?::text[], ?::text[],
                            ?::timestamptz[], ?::text[], ?::boolean[], ?::text[], ?::boolean[], ?::text[],
                            ?::timestamptz[], ?::text[], ?::text[], ?::boolean[], ?::timestamptz[], ?::text[])
                    as v(id, version, value_text, comparator, numeric_value, unit, interpretation, ref_interval_id,
                         ref_low, ref_high, ref_text, status, comment, verified_at, verified_by, judged, delta_text,
                         delta_failed, previous_value, previous_at, decision, held_reasons, clear_first, first_at,
                         first_by)
                where t.id = v.id and t.version = v.version""")
                .params(ts(at), changedBy,
                        r.stream().map(LabResult::id).toArray(Long[]::new),
                        r.stream().map(LabResult::version).toArray(Integer[]::new),
                        r.stream().map(LabResult::valueText).toArray(String[]::new),
                        r.stream().map(LabResult::comparator).toArray(String[]::new),
                        r.stream().map(x -> text(x.numericValue())).toArray(String[]::new),
                        r.stream().map(LabResult::unit).toArray(String[]::new),
                        r.stream().map(x -> x.interpretation() == null ? null : x.interpretation().name())
                                .toArray(String[]::new),
                        r.stream().map(LabResult::referenceIntervalId).toArray(Long[]::new),
                        r.stream().map(x -> text(x.referenceLow())).toArray(String[]::new),
                        r.stream().map(x -> text(x.referenceHigh())).toArray(String[]::new),
                        r.stream().map(LabResult::referenceText).toArray(String[]::new),
                        r.stream().map(x -> released.contains(x.id()) ? ResultStatus.FINAL.name() : x.status().name())
                                .toArray(String[]::new),
                        r.stream().map(LabResult::comment).toArray(String[]::new),
                        r.stream().map(x -> released.contains(x.id()) ? judgedAt
                                : x.verifiedAt() == null ? null : x.verifiedAt().toString()).toArray(String[]::new),
                        r.stream().map(x -> released.contains(x.id()) ? ResultIntelligence.AUTOVERIFICATION
                                : x.verifiedBy()).toArray(String[]::new),
                        c.stream().map(Objects::nonNull).toArray(Boolean[]::new),
                        c.stream().map(x -> x == null || x.delta() == null ? null : x.delta().text())
                                .toArray(String[]::new),
                        c.stream().map(x -> x == null || x.delta() == null ? null : x.delta().failed())
                                .toArray(Boolean[]::new),
                        c.stream().map(x -> x == null || x.previous() == null ? null : x.previous().valueText())
                                .toArray(String[]::new),
                        c.stream().map(x -> x == null || x.previous() == null ? null
                                : x.previous().collectedAt().toString()).toArray(String[]::new),
                        c.stream().map(x -> x == null ? null : x.decision()).toArray(String[]::new),
                        c.stream().map(x -> x == null ? null : x.heldReasons()).toArray(String[]::new),
                        c.stream().map(x -> x != null && x.clearFirstVerification()).toArray(Boolean[]::new),
                        r.stream().map(x -> judged.firstVerified().contains(x.id()) ? judgedAt : null)
                                .toArray(String[]::new),
                        r.stream().map(x -> judged.firstVerified().contains(x.id())
                                ? ResultIntelligence.AUTOVERIFICATION : null).toArray(String[]::new))
                .update();
    }

    private static String text(BigDecimal number) {
        return number == null ? null : number.toPlainString();
    }

    /** Releases results as verified by a person and returns them as stored now, in one statement. */
    List<Row> release(Collection<Long> ids, Instant verifiedAt, String verifiedBy) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("update results.result set status = 'FINAL', verified_at = ?, verified_by = ?,"
                        + " version = version + 1 where id = any(?) returning " + COLUMNS)
                .params(ts(verifiedAt), verifiedBy, ids.toArray(Long[]::new)).query(ResultRepository::row).list();
    }

    void setStatuses(Collection<Long> ids, ResultStatus status, Instant verifiedAt, String verifiedBy) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.sql("update results.result set status = ?, verified_at = ?, verified_by = ?, version = version + 1"
                        + " where id = any(?)")
                .params(status.name(), ts(verifiedAt), verifiedBy, ids.toArray(Long[]::new)).update();
    }

    int cancelOpenForSpecimen(long specimenId) {
        return jdbc.sql("update results.result set status = 'CANCELLED', version = version + 1"
                        + " where specimen_id = ? and status in ('PENDING', 'PRELIMINARY')")
                .param(specimenId).update();
    }

    void addRevision(LabResult old, String changedBy, Instant at, String reason) {
        jdbc.sql("insert into results.revision (result_id, version, value_text, unit, interpretation, status,"
                        + " changed_at, changed_by, reason) values (?,?,?,?,?,?,?,?,?)")
                .params(old.id(), old.version(), old.valueText(), old.unit(),
                        old.interpretation() == null ? null : old.interpretation().name(), old.status().name(),
                        ts(at), changedBy, reason)
                .update();
    }

    /** A former value to keep: the result as it was, who replaced it, when and why. */
    record Revision(LabResult old, String changedBy, Instant at, String reason) {
    }

    void addRevisions(List<Revision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        batch.batchUpdate("insert into results.revision (result_id, version, value_text, unit, interpretation, status,"
                        + " changed_at, changed_by, reason) values (?,?,?,?,?,?,?,?,?)",
                revisions.stream().map(r -> new Object[] {r.old().id(), r.old().version(), r.old().valueText(),
                        r.old().unit(), r.old().interpretation() == null ? null : r.old().interpretation().name(),
                        r.old().status().name(), ts(r.at()), r.changedBy(), r.reason()}).toList());
    }

    List<ResultRevision> revisions(long resultId) {
        return jdbc.sql("select result_id, version, value_text, unit, interpretation, status, changed_at, changed_by,"
                        + " reason from results.revision where result_id = ? order by version")
                .param(resultId)
                .query((rs, n) -> new ResultRevision(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        flag(rs.getString(5)), ResultStatus.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant(), rs.getString(8), rs.getString(9)))
                .list();
    }

    /** The last released value of this test for the patient before the given result (for history and delta). */
    List<Row> previousReleased(long patientId, String testCode, long excludingId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from results.result where patient_id = ? and test_code = ?"
                        + " and id <> ? and status in ('FINAL', 'CORRECTED')"
                        + " order by collected_at desc nulls last, id desc limit ?")
                .params(patientId, testCode, excludingId, limit).query(ResultRepository::row).list();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static Instant instant(ResultSet rs, String col) throws SQLException {
        Timestamp t = rs.getTimestamp(col);
        return t == null ? null : t.toInstant();
    }

    private static Interpretation flag(String s) {
        return s == null ? null : Interpretation.valueOf(s);
    }

    static Row row(ResultSet rs, int n) throws SQLException {
        long refId = rs.getLong("ref_interval_id");
        Long refIdOrNull = rs.wasNull() ? null : refId;
        int decimals = rs.getInt("decimals");
        Integer decimalsOrNull = rs.wasNull() ? null : decimals;
        BigDecimal number = rs.getBigDecimal("numeric_value");
        var result = new LabResult(rs.getLong("id"), rs.getLong("specimen_id"), rs.getString("accession"),
                rs.getLong("order_id"), rs.getLong("order_item_id"), rs.getLong("patient_id"),
                rs.getString("test_code"), rs.getString("loinc"), rs.getString("test_name"), rs.getString("section"),
                rs.getString("value_text"), rs.getString("comparator"), number, rs.getString("unit"),
                flag(rs.getString("interpretation")), refIdOrNull, rs.getBigDecimal("ref_low"),
                rs.getBigDecimal("ref_high"), rs.getString("ref_text"), ResultStatus.valueOf(rs.getString("status")),
                instant(rs, "collected_at"), instant(rs, "received_at"), instant(rs, "resulted_at"),
                rs.getString("resulted_by"), instant(rs, "verified_at"), rs.getString("verified_by"),
                rs.getString("comment"), rs.getInt("version"));
        return new Row(result, org.lavender.shared.Priority.valueOf(rs.getString("priority")),
                rs.getString("result_type"), decimalsOrNull);
    }

    /** A stored result with the bench details the API record does not carry. */
    record Row(LabResult result, org.lavender.shared.Priority priority, String resultType, Integer decimals) {
    }

    /** Position in a worklist: priority rank, time received, specimen. */
    record WorklistKey(int rank, Instant receivedAt, long specimenId) {

        String cursor() {
            return rank + "_" + (receivedAt.getEpochSecond() * 1_000_000 + receivedAt.getNano() / 1000) + "_" + specimenId;
        }

        static WorklistKey parse(String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            String[] p = cursor.split("_");
            if (p.length != 3) {
                throw new org.lavender.shared.InvalidInputException("cursor", "Malformed page cursor");
            }
            try {
                long micros = Long.parseLong(p[1]);
                return new WorklistKey(Integer.parseInt(p[0]),
                        Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000),
                        Long.parseLong(p[2]));
            } catch (NumberFormatException e) {
                throw new org.lavender.shared.InvalidInputException("cursor", "Malformed page cursor");
            }
        }
    }

}
