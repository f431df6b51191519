package org.lavender.specimens.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.shared.ConflictException;
import org.lavender.shared.Priority;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.SpecimenStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Plain SQL over {@code specimens.specimen} and {@code specimens.specimen_test}. */
@Repository
class SpecimenRepository {

    private static final String COLUMNS = "id, accession, order_id, patient_id, priority, container_code,"
            + " specimen_type, section, status, created_at, collected_at, collected_by, received_at, received_by,"
            + " rejection_reason, rejection_comment, rejected_at, rejected_by, parent_id, replaces_id, version";

    private final JdbcClient jdbc;

    SpecimenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The next running number of the day; the row lock holds concurrent planners until this one commits. */
    int nextSequence(LocalDate day) {
        return jdbc.sql("insert into specimens.accession_day (day, last_seq) values (?, 1)"
                        + " on conflict (day) do update set last_seq = specimens.accession_day.last_seq + 1"
                        + " returning last_seq")
                .param(day).query(Integer.class).single();
    }

    record NewTube(String accession, long orderId, long patientId, Priority priority, String containerCode,
                   String specimenType, String section, SpecimenStatus status, Instant createdAt,
                   Instant collectedAt, String collectedBy, Instant receivedAt, String receivedBy, Long parentId,
                   Long replacesId) {
    }

    long insert(NewTube t) {
        return jdbc.sql("insert into specimens.specimen (accession, order_id, patient_id, priority, container_code,"
                        + " specimen_type, section, status, created_at, collected_at, collected_by, received_at,"
                        + " received_by, parent_id, replaces_id) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) returning id")
                .params(t.accession(), t.orderId(), t.patientId(), t.priority().name(), t.containerCode(),
                        t.specimenType(), t.section(), t.status().name(), ts(t.createdAt()), ts(t.collectedAt()),
                        t.collectedBy(), ts(t.receivedAt()), t.receivedBy(), t.parentId(), t.replacesId())
                .query(Long.class).single();
    }

    void addTest(long specimenId, long orderItemId, String testCode) {
        jdbc.sql("insert into specimens.specimen_test (specimen_id, order_item_id, test_code) values (?,?,?)")
                .params(specimenId, orderItemId, testCode).update();
    }

    void setTestStatus(Collection<Long> lineIds, String status) {
        if (lineIds.isEmpty()) {
            return;
        }
        jdbc.sql("update specimens.specimen_test set status = :status where id in (:ids)")
                .param("status", status).param("ids", lineIds).update();
    }

    Optional<Tube> byAccession(String accession, boolean forUpdate) {
        return one("select " + COLUMNS + " from specimens.specimen where accession = ?"
                + (forUpdate ? " for update" : ""), accession);
    }

    Optional<Tube> byId(long id) {
        return one("select " + COLUMNS + " from specimens.specimen where id = ?", id);
    }

    Optional<Tube> replacementOf(long rejectedId) {
        return one("select " + COLUMNS + " from specimens.specimen where replaces_id = ?", rejectedId);
    }

    List<Tube> forOrder(long orderId, boolean forUpdate) {
        return withLines(jdbc.sql("select " + COLUMNS + " from specimens.specimen where order_id = ? order by id"
                        + (forUpdate ? " for update" : ""))
                .param(orderId).query(SpecimenRepository::map).list());
    }

    List<Tube> aliquotsOf(long parentId) {
        return withLines(jdbc.sql("select " + COLUMNS + " from specimens.specimen where parent_id = ? order by id")
                .param(parentId).query(SpecimenRepository::map).list());
    }

    List<Tube> byAccessions(Collection<String> accessions) {
        if (accessions.isEmpty()) {
            return List.of();
        }
        return withLines(jdbc.sql("select " + COLUMNS + " from specimens.specimen where accession in (:a) order by id")
                .param("a", accessions).query(SpecimenRepository::map).list());
    }

    /** Newest first; {@code beforeId} is the keyset cursor (the last id of the previous page). */
    List<Tube> search(SpecimenQuery q, Long beforeId, int limit) {
        String accession = q.accession() == null || q.accession().isBlank() ? null : q.accession();
        return withLines(jdbc.sql("select " + COLUMNS + " from specimens.specimen s"
                        + " where (:before::bigint is null or s.id < :before)"
                        + " and (:patient::bigint is null or s.patient_id = :patient)"
                        + " and (:orderId::bigint is null or s.order_id = :orderId)"
                        + " and (:item::bigint is null or exists (select 1 from specimens.specimen_test t"
                        + "      where t.specimen_id = s.id and t.order_item_id = :item))"
                        + " and (:status::text is null or s.status = :status)"
                        + " and (:section::text is null or s.section = :section)"
                        + " and (:accession::text is null or s.accession like :accession || '%')"
                        + " order by s.id desc limit :limit")
                .param("before", beforeId).param("patient", q.patientId()).param("orderId", q.orderId())
                .param("item", q.orderItemId()).param("status", q.status() == null ? null : q.status().name())
                .param("section", q.section() == null || q.section().isBlank() ? null : q.section())
                .param("accession", accession == null ? null : escapeLike(accession))
                .param("limit", limit)
                .query(SpecimenRepository::map).list());
    }

    void collect(Tube t, Instant at, String by) {
        update(t, "status = 'COLLECTED', collected_at = :at, collected_by = :by",
                Map.of("at", ts(at), "by", by));
    }

    void receive(Tube t, Instant collectedAt, String collectedBy, Instant at, String by) {
        update(t, "status = 'RECEIVED', collected_at = :cAt, collected_by = :cBy, received_at = :at, received_by = :by",
                Map.of("cAt", ts(collectedAt), "cBy", collectedBy, "at", ts(at), "by", by));
    }

    void reject(Tube t, RejectionReason reason, String comment, Instant at, String by) {
        var params = new LinkedHashMap<String, Object>();
        params.put("reason", reason.name());
        params.put("comment", comment);
        params.put("at", ts(at));
        params.put("by", by);
        update(t, "status = 'REJECTED', rejection_reason = :reason, rejection_comment = :comment,"
                + " rejected_at = :at, rejected_by = :by", params);
    }

    void cancel(Tube t) {
        update(t, "status = 'CANCELLED'", Map.of());
    }

    void changePriority(Tube t, Priority priority) {
        update(t, "priority = :priority", Map.of("priority", priority.name()));
    }

    /** Every change bumps the version; a stale version means someone else changed the tube first. */
    private void update(Tube t, String set, Map<String, ?> params) {
        int n = jdbc.sql("update specimens.specimen set " + set + ", version = version + 1"
                        + " where id = :id and version = :version")
                .params(params).param("id", t.id()).param("version", t.version()).update();
        if (n != 1) {
            throw new ConflictException("Tube " + t.accession() + " was changed by someone else; reload and retry");
        }
    }

    private Optional<Tube> one(String sql, Object key) {
        return withLines(jdbc.sql(sql).param(key).query(SpecimenRepository::map).list()).stream().findFirst();
    }

    /** Loads the test lines of all tubes in one query (no N+1). */
    private List<Tube> withLines(List<Tube> tubes) {
        if (tubes.isEmpty()) {
            return tubes;
        }
        Map<Long, List<Tube.TestLine>> lines = new LinkedHashMap<>();
        jdbc.sql("select id, specimen_id, order_item_id, test_code, status from specimens.specimen_test"
                        + " where specimen_id in (:ids) order by id")
                .param("ids", tubes.stream().map(Tube::id).toList())
                .query(rs -> {
                    lines.computeIfAbsent(rs.getLong("specimen_id"), k -> new ArrayList<>())
                            .add(new Tube.TestLine(rs.getLong("id"), rs.getLong("order_item_id"),
                                    rs.getString("test_code"), rs.getString("status")));
                });
        return tubes.stream().map(t -> t.withLines(lines.getOrDefault(t.id(), List.of()))).toList();
    }

    private static Tube map(ResultSet rs, int row) throws SQLException {
        String reason = rs.getString("rejection_reason");
        return new Tube(rs.getLong("id"), rs.getString("accession"), rs.getLong("order_id"),
                rs.getLong("patient_id"), Priority.valueOf(rs.getString("priority")), rs.getString("container_code"),
                rs.getString("specimen_type"), rs.getString("section"),
                SpecimenStatus.valueOf(rs.getString("status")), instant(rs, "created_at"),
                instant(rs, "collected_at"), rs.getString("collected_by"), instant(rs, "received_at"),
                rs.getString("received_by"), reason == null ? null : RejectionReason.valueOf(reason),
                rs.getString("rejection_comment"), instant(rs, "rejected_at"), rs.getString("rejected_by"),
                rs.getObject("parent_id", Long.class), rs.getObject("replaces_id", Long.class),
                rs.getLong("version"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
