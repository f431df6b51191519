package org.lavender.instruments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.InstrumentFilings;
import org.lavender.instruments.MessageState;
import org.lavender.instruments.RawMessage;
import org.lavender.instruments.ReceivedObservation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The raw message store, the observations parsed from it and the QC results kept apart. */
@Repository
class MessageRepository {

    private static final String COLUMNS = "m.id, m.analyzer_id, a.name, a.protocol, m.connection_id, m.peer,"
            + " m.received_at, m.bytes, m.state, m.reason, m.duplicate_of";
    private static final String FROM = " from instruments.raw_message m join instruments.analyzer a"
            + " on a.id = m.analyzer_id";
    private static final String OBSERVATION_COLUMNS = "id, raw_message_id, seq, accession, instrument_code,"
            + " test_code, value_text, unit, flags, observed_at, state, reason, result_id";

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;

    MessageRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** What storing a message gave: its row, and the earlier message it repeats if it is a duplicate. */
    record Stored(long id, Long duplicateOf) {
        boolean duplicate() {
            return duplicateOf != null;
        }
    }

    /**
     * Stores the bytes. A message whose dedup key was seen before from this analyzer is stored as DUPLICATE of the
     * first one (the unique key decides, so two connections racing cannot both win).
     */
    Stored store(long analyzerId, String connectionId, String peer, Instant receivedAt, byte[] bytes,
                 String dedupKey, MessageState state, String reason) {
        Optional<Long> id = jdbc.sql("""
                insert into instruments.raw_message (analyzer_id, connection_id, peer, received_at, bytes, dedup_key,
                    state, reason, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (analyzer_id, dedup_key) do nothing
                returning id""")
                .params(analyzerId, connectionId, peer, ts(receivedAt), bytes, dedupKey, state.name(), reason,
                        ts(receivedAt))
                .query(Long.class).optional();
        if (id.isPresent()) {
            return new Stored(id.get(), null);
        }
        long original = jdbc.sql("select id from instruments.raw_message where analyzer_id = ? and dedup_key = ?")
                .params(analyzerId, dedupKey).query(Long.class).single();
        long duplicate = jdbc.sql("""
                insert into instruments.raw_message (analyzer_id, connection_id, peer, received_at, bytes,
                    duplicate_of, state, reason, updated_at)
                values (?, ?, ?, ?, ?, ?, 'DUPLICATE', ?, ?)
                returning id""")
                .params(analyzerId, connectionId, peer, ts(receivedAt), bytes, original,
                        "repeat of message " + original + " (" + dedupKey + ")", ts(receivedAt))
                .query(Long.class).single();
        return new Stored(duplicate, original);
    }

    Optional<RawMessage> find(long id) {
        return jdbc.sql("select " + COLUMNS + FROM + " where m.id = ?").param(id).query(MessageRepository::row)
                .optional();
    }

    /** For this transaction only: its commit returns before the WAL is flushed (PostgreSQL synchronous_commit). */
    void commitWithoutWaitingForDisk() {
        jdbc.sql("set local synchronous_commit = off").update();
    }

    /** Locks the message rows in id order (two filers of overlapping sets queue rather than deadlock). */
    Map<Long, MessageState> lockStates(Collection<Long> ids) {
        var states = new HashMap<Long, MessageState>();
        jdbc.sql("select id, state from instruments.raw_message where id = any(?) order by id for update")
                .param(ids.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    states.put(rs.getLong(1), MessageState.valueOf(rs.getString(2)));
                });
        return states;
    }

    /**
     * The messages, with their stored bytes only where {@code readFromStore} asks for them (the others were read
     * on the connection already, and their bytes stay in the database: an empty array stands in for them).
     */
    List<RawMessage> findAll(Collection<Long> ids, Collection<Long> readFromStore) {
        String bytesIfAsked = "case when m.id = any(?) then m.bytes else ''::bytea end";
        return jdbc.sql("select " + COLUMNS.replace("m.bytes", bytesIfAsked)
                        + FROM + " where m.id = any(?) order by m.id")
                .params(readFromStore.toArray(Long[]::new), ids.toArray(Long[]::new))
                .query(MessageRepository::row).list();
    }

    Optional<MessageState> lockState(long id) {
        return jdbc.sql("select state from instruments.raw_message where id = ? for update").param(id)
                .query((rs, n) -> MessageState.valueOf(rs.getString(1))).optional();
    }

    List<RawMessage> deadLetters(Long beforeId, int size) {
        return jdbc.sql("select " + COLUMNS + FROM + " where m.state in ('ERROR', 'REJECTED')"
                        + (beforeId == null ? "" : " and m.id < :before") + " order by m.id desc limit :size")
                .params(beforeId == null ? Map.of("size", size) : Map.of("size", size, "before", beforeId))
                .query(MessageRepository::row).list();
    }

    List<RawMessage> recent(long analyzerId, int limit) {
        return jdbc.sql("select " + COLUMNS + FROM + " where m.analyzer_id = ? order by m.id desc limit ?")
                .params(analyzerId, limit).query(MessageRepository::row).list();
    }

    List<Long> received() {
        return jdbc.sql("select id from instruments.raw_message where state = 'RECEIVED' order by id")
                .query(Long.class).list();
    }

    void setState(long id, MessageState state, String reason, Instant at) {
        jdbc.sql("update instruments.raw_message set state = ?, reason = ?, updated_at = ? where id = ?")
                .params(state.name(), reason, ts(at), id).update();
    }

    /**
     * The message state from its observations: ERROR if any could not be filed (reasons joined), PARSED while some
     * wait for the results module, FILED when all are filed or ignored. Call with the message row locked.
     */
    void settle(long id, Instant at) {
        settle(List.of(id), at);
    }

    /** {@link #settle(long, Instant)} for several messages at once; returns each message's new state. */
    Map<Long, MessageState> settle(Collection<Long> ids, Instant at) {
        var states = new HashMap<Long, MessageState>();
        jdbc.sql("""
                update instruments.raw_message m
                set state = case when s.errors > 0 then 'ERROR' when s.pending > 0 then 'PARSED' else 'FILED' end,
                    reason = s.reasons, updated_at = ?
                from unnest(?::bigint[]) as i(id)
                cross join lateral (
                      select count(*) filter (where o.state = 'ERROR') as errors,
                             count(*) filter (where o.state = 'PENDING') as pending,
                             string_agg('#' || o.seq || ' ' || o.instrument_code || ': ' || o.reason, '; '
                                        order by o.seq) filter (where o.state = 'ERROR') as reasons
                      from instruments.observation o where o.raw_message_id = i.id) s
                where m.id = i.id
                returning m.id, m.state""").params(ts(at), ids.toArray(Long[]::new))
                .query((ResultSet rs) -> {
                    states.put(rs.getLong(1), MessageState.valueOf(rs.getString(2)));
                });
        return states;
    }

    /** The observation rows already written for these messages (a message filed again), by message. */
    Map<Long, List<ReceivedObservation>> observations(Collection<Long> rawMessageIds) {
        return jdbc.sql("select " + OBSERVATION_COLUMNS + " from instruments.observation"
                        + " where raw_message_id = any(?) order by raw_message_id, seq")
                .param(rawMessageIds.toArray(Long[]::new)).query(MessageRepository::observation).stream()
                .collect(Collectors.groupingBy(ReceivedObservation::rawMessageId));
    }

    List<ReceivedObservation> observations(long rawMessageId) {
        return jdbc.sql("select " + OBSERVATION_COLUMNS + " from instruments.observation where raw_message_id = ?"
                        + " order by seq").param(rawMessageId).query(MessageRepository::observation).list();
    }

    /**
     * An observation row to write: the observation as read, what it maps to, its filing state and, once filed, the
     * result it was filed on.
     */
    record ObservationRow(long rawMessageId, Observation observation, String testCode, String valueText,
                          String unit, String state, String reason, Long resultId) {

        ObservationRow(long rawMessageId, Observation observation, String testCode, String valueText, String unit,
                       String state, String reason) {
            this(rawMessageId, observation, testCode, valueText, unit, state, reason, null);
        }

        /** The row as the results module settled it: FILED on a result, or ERROR with the refusal. */
        ObservationRow settled(InstrumentFilings.Outcome outcome) {
            return new ObservationRow(rawMessageId, observation, testCode, valueText, unit,
                    outcome.isFiled() ? "FILED" : "ERROR", outcome.refusal(), outcome.resultId());
        }
    }

    /** Writes (or rewrites, on reprocessing) messages' observation rows in one batch. */
    void saveObservations(List<ObservationRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                insert into instruments.observation (raw_message_id, seq, accession, instrument_code, test_code,
                    value_text, unit, flags, observed_at, state, reason, result_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (raw_message_id, seq) do update set accession = excluded.accession,
                    instrument_code = excluded.instrument_code, test_code = excluded.test_code,
                    value_text = excluded.value_text, unit = excluded.unit, flags = excluded.flags,
                    observed_at = excluded.observed_at, state = excluded.state, reason = excluded.reason,
                    result_id = excluded.result_id""", rows.stream().map(r -> new Object[] {r.rawMessageId(),
                        r.observation().seq(), r.observation().specimenId(), r.observation().instrumentCode(),
                        r.testCode(), r.valueText(), r.unit(), String.join(",", r.observation().flags()),
                        ts(r.observation().observedAt()), r.state(), r.reason(), r.resultId()}).toList());
    }

    /** What the results module did with each result of a message: FILED on a result, or ERROR with the reason. */
    void markOutcomes(long rawMessageId, List<InstrumentFilings.Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        batch.batchUpdate("""
                update instruments.observation set state = ?, result_id = ?, reason = ?
                where raw_message_id = ? and seq = ?""", outcomes.stream().map(o -> new Object[] {
                        o.isFiled() ? "FILED" : "ERROR", o.resultId(), o.refusal(), rawMessageId, o.seq()})
                .toList());
    }

    long saveQc(long rawMessageId, long analyzerId, Observation o, String testCode) {
        return jdbc.sql("""
                insert into instruments.qc_result (raw_message_id, seq, analyzer_id, control_id, instrument_code,
                    test_code, value_text, unit, flags, observed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (raw_message_id, seq) do update set test_code = excluded.test_code
                returning id""")
                .params(rawMessageId, o.seq(), analyzerId, o.specimenId(), o.instrumentCode(), testCode,
                        o.valueText(), o.unit(), String.join(",", o.flags()), ts(o.observedAt()))
                .query(Long.class).single();
    }

    long qcCount(long analyzerId) {
        return jdbc.sql("select count(*) from instruments.qc_result where analyzer_id = ?").param(analyzerId)
                .query(Long.class).single();
    }

    /** Codes that went to the dead letters for want of a mapping, most frequent first. */
    List<String> unmappedCodes(long analyzerId) {
        return jdbc.sql("""
                select o.instrument_code from instruments.observation o
                join instruments.raw_message m on m.id = o.raw_message_id
                where m.analyzer_id = ? and o.state = 'ERROR' and o.test_code is null
                group by o.instrument_code order by count(*) desc, o.instrument_code limit 100""")
                .param(analyzerId).query(String.class).list();
    }

    List<Long> deadLettersWithCode(long analyzerId, String instrumentCode) {
        return jdbc.sql("""
                select distinct m.id from instruments.raw_message m
                join instruments.observation o on o.raw_message_id = m.id
                where m.analyzer_id = ? and m.state = 'ERROR' and o.state = 'ERROR' and o.instrument_code = ?
                order by m.id limit 1000""").params(analyzerId, instrumentCode).query(Long.class).list();
    }

    /** Per analyzer: messages and dead letters since a time, and the last message time. */
    record DayCounts(long messages, long errors, Instant lastMessageAt) {
    }

    Map<Long, DayCounts> countsSince(Instant since) {
        var counts = new HashMap<Long, DayCounts>();
        jdbc.sql("""
                select a.id,
                       (select count(*) from instruments.raw_message m where m.analyzer_id = a.id
                            and m.received_at >= :since),
                       (select count(*) from instruments.raw_message m where m.analyzer_id = a.id
                            and m.received_at >= :since and m.state in ('ERROR', 'REJECTED')),
                       (select max(m.received_at) from instruments.raw_message m where m.analyzer_id = a.id)
                from instruments.analyzer a""").param("since", ts(since))
                .query((ResultSet rs) -> {
                    Timestamp last = rs.getTimestamp(4);
                    counts.put(rs.getLong(1), new DayCounts(rs.getLong(2), rs.getLong(3),
                            last == null ? null : last.toInstant()));
                });
        return counts;
    }

    private static RawMessage row(ResultSet rs, int n) throws SQLException {
        return new RawMessage(rs.getLong(1), rs.getLong(2), rs.getString(3), AnalyzerProtocol.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getBytes(8),
                MessageState.valueOf(rs.getString(9)), rs.getString(10), (Long) rs.getObject(11));
    }

    private static ReceivedObservation observation(ResultSet rs, int n) throws SQLException {
        Timestamp observed = rs.getTimestamp(10);
        return new ReceivedObservation(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                observed == null ? null : observed.toInstant(), rs.getString(11), rs.getString(12),
                (Long) rs.getObject(13));
    }

    private static Timestamp ts(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }
}
