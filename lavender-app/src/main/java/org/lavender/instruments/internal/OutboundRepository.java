package org.lavender.instruments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.OutboundOrder;
import org.lavender.instruments.OutboundState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The outbound order messages (instruments.outbound_message): queued, sent or failed, with attempts and acks. */
@Repository
class OutboundRepository {

    private static final String COLUMNS = "id, analyzer_id, accession, protocol, control_id, bytes, state, reason,"
            + " ack, attempts, next_attempt_at, created_at, updated_at";

    private final JdbcClient jdbc;

    OutboundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a message; false if this tube's work was queued for this analyzer already (a redelivered event). */
    boolean queue(long analyzerId, String accession, AnalyzerProtocol protocol, String controlId, byte[] bytes,
                  String note, Instant now) {
        return jdbc.sql("""
                insert into instruments.outbound_message (analyzer_id, accession, protocol, control_id, bytes, state,
                    reason, next_attempt_at, created_at, updated_at)
                values (?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?)
                on conflict (analyzer_id, accession) do nothing""")
                .params(analyzerId, accession, protocol.name(), controlId, bytes, note, ts(now), ts(now), ts(now))
                .update() == 1;
    }

    /**
     * Claims messages whose next attempt is due, oldest first (of one analyzer, or when null of all analyzers
     * Lavender connects to as a TCP client, and of inactive ones, whose messages the delivery then fails): their
     * next attempt moves to {@code leaseUntil}, so another instance of Lavender does not send them too (rows another
     * transaction holds are skipped). The delivery's outcome then sets their state; a delivery that never reports
     * (a crash) is tried again once the lease ends.
     */
    List<OutboundOrder> claim(Long analyzerId, AnalyzerProtocol protocol, Instant now, Instant leaseUntil,
                              int limit) {
        return jdbc.sql("""
                update instruments.outbound_message set next_attempt_at = :lease
                where id in (select id from instruments.outbound_message
                             where state = 'QUEUED' and protocol = :protocol and next_attempt_at <= :now
                               and (analyzer_id = :analyzer or cast(:analyzer as bigint) is null and analyzer_id in
                                    (select id from instruments.analyzer where transport = 'TCP_CLIENT' or not active))
                             order by next_attempt_at, id limit :limit for update skip locked)
                returning\s""" + COLUMNS)
                .param("lease", ts(leaseUntil)).param("protocol", protocol.name()).param("now", ts(now))
                .param("analyzer", analyzerId).param("limit", limit)
                .query(OutboundRepository::row).list().stream()
                .sorted(java.util.Comparator.comparing(OutboundOrder::id)).toList();
    }

    Optional<OutboundOrder> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from instruments.outbound_message where id = ?").param(id)
                .query(OutboundRepository::row).optional();
    }

    List<OutboundOrder> recent(long analyzerId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from instruments.outbound_message where analyzer_id = ?"
                        + " order by id desc limit ?")
                .params(analyzerId, limit).query(OutboundRepository::row).list();
    }

    void sent(long id, byte[] ack, Instant now) {
        jdbc.sql("""
                update instruments.outbound_message set state = 'SENT', ack = ?, reason = null,
                    attempts = attempts + 1, updated_at = ?
                where id = ? and state = 'QUEUED'""").params(ack, ts(now), id).update();
    }

    void refused(long id, byte[] ack, String reason, Instant now) {
        jdbc.sql("""
                update instruments.outbound_message set state = 'FAILED', ack = ?, reason = ?,
                    attempts = attempts + 1, updated_at = ?
                where id = ? and state = 'QUEUED'""").params(ack, reason, ts(now), id).update();
    }

    /** A failed attempt (unreachable, timeout): tried again at {@code next}, or FAILED when {@code next} is null. */
    void attemptFailed(long id, String reason, Instant next, Instant now) {
        jdbc.sql("""
                update instruments.outbound_message set state = case when cast(? as boolean) then 'FAILED' else 'QUEUED' end,
                    reason = ?, attempts = attempts + 1, next_attempt_at = coalesce(cast(? as timestamptz), next_attempt_at),
                    updated_at = ?
                where id = ? and state = 'QUEUED'""")
                .params(next == null, reason, next == null ? null : ts(next), ts(now), id).update();
    }

    /** FAILED back to QUEUED with a fresh count of attempts, due now. */
    boolean requeue(long id, Instant now) {
        return jdbc.sql("""
                update instruments.outbound_message set state = 'QUEUED', reason = null, ack = null, attempts = 0,
                    next_attempt_at = ?, updated_at = ?
                where id = ? and state = 'FAILED'""").params(ts(now), ts(now), id).update() == 1;
    }

    private static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }

    private static OutboundOrder row(ResultSet rs, int n) throws SQLException {
        return new OutboundOrder(rs.getLong("id"), rs.getLong("analyzer_id"), rs.getString("accession"),
                AnalyzerProtocol.valueOf(rs.getString("protocol")), rs.getString("control_id"), rs.getBytes("bytes"),
                OutboundState.valueOf(rs.getString("state")), rs.getString("reason"), rs.getBytes("ack"),
                rs.getInt("attempts"), rs.getTimestamp("next_attempt_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
    }
}
