package org.lavender.audit.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.audit.ChainVerification;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@Service
class JdbcAuditLog implements AuditLog {

    private static final String COLUMNS =
            "seq, occurred_at, actor, action, entity_type, entity_id, old_value, new_value, reason, prev_hash, hash";

    private final JdbcClient jdbc;
    private final JdbcTemplate batchJdbc;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate batchJdbc, Clock clock) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry record(AuditEvent event) {
        return record(currentActor(), event);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public AuditEntry record(String actor, AuditEvent e) {
        flushBatch();
        return write(List.of(new Pending(actor, e))).get(0);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordBatched(String actor, AuditEvent event) {
        batch().pending.add(new Pending(actor, event));
    }

    /**
     * Appends entries to the chain: the head is locked once (concurrent writers queue here so each row links to
     * exactly one predecessor), the rows go in one batch insert, and the head moves once.
     */
    private List<AuditEntry> write(List<Pending> entries) {
        var head = jdbc.sql("select last_seq, last_hash from audit.chain_head where id = 1 for update")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).single();
        long seq = (long) head[0];
        String prev = (String) head[1];
        // PostgreSQL keeps microseconds; truncate first so the hashed instant is the stored one.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        var written = new ArrayList<AuditEntry>(entries.size());
        var rows = new ArrayList<Object[]>(entries.size());
        for (Pending p : entries) {
            AuditEvent e = p.event();
            seq++;
            String hash = AuditHash.of(prev, seq, at, p.actor(), e.action(), e.entityType(), e.entityId(),
                    e.oldValue(), e.newValue(), e.reason());
            written.add(new AuditEntry(seq, at, p.actor(), e.action(), e.entityType(), e.entityId(), e.oldValue(),
                    e.newValue(), e.reason(), prev, hash));
            rows.add(new Object[] {seq, Timestamp.from(at), p.actor(), e.action(), e.entityType(), e.entityId(),
                    e.oldValue(), e.newValue(), e.reason(), prev, hash});
            prev = hash;
        }
        if (rows.size() == 1) {
            // One entry and the moved head in one statement: one round trip less while every writer waits.
            Object[] params = java.util.Arrays.copyOf(rows.get(0), 13);
            params[11] = seq;
            params[12] = prev;
            jdbc.sql("with entry as (insert into audit.entry (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?))"
                    + " update audit.chain_head set last_seq = ?, last_hash = ? where id = 1").params(params).update();
        } else {
            batchJdbc.batchUpdate("insert into audit.entry (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?)", rows);
            jdbc.sql("update audit.chain_head set last_seq = ?, last_hash = ? where id = 1").params(seq, prev)
                    .update();
        }
        return written;
    }

    private record Pending(String actor, AuditEvent event) {
    }

    /** The entries batched in the current transaction; written just before it commits. */
    private final class Batch implements TransactionSynchronization {

        private final List<Pending> pending = new ArrayList<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            writePending();
        }

        void writePending() {
            if (!pending.isEmpty()) {
                List<Pending> entries = List.copyOf(pending);
                pending.clear();
                write(entries);
            }
        }

        JdbcAuditLog owner() {
            return JdbcAuditLog.this;
        }
    }

    private Batch batch() {
        Batch current = currentBatch();
        if (current == null) {
            current = new Batch();
            TransactionSynchronizationManager.registerSynchronization(current);
        }
        return current;
    }

    private Batch currentBatch() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return null;
        }
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Batch b && b.owner() == this) {
                return b;
            }
        }
        return null;
    }

    // Entries batched earlier in this transaction go first, so reads and later entries see the trail in order.
    private void flushBatch() {
        Batch current = currentBatch();
        if (current != null) {
            current.writePending();
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> history(String entityType, String entityId) {
        flushBatch();
        return jdbc.sql("select " + COLUMNS + " from audit.entry where entity_type = ? and entity_id = ? order by seq")
                .params(entityType, entityId).query(JdbcAuditLog::map).list();
    }

    @Override
    @Transactional(readOnly = true)
    public List<AuditEntry> page(Long beforeSeq, int size, String entityType, String actor) {
        flushBatch();
        // Only the filters given become SQL, so each shape gets a plan that walks the right index backwards.
        var sql = new StringBuilder("select " + COLUMNS + " from audit.entry where true");
        var params = new java.util.LinkedHashMap<String, Object>();
        if (beforeSeq != null) {
            sql.append(" and seq < :before");
            params.put("before", beforeSeq);
        }
        if (blankToNull(entityType) != null) {
            sql.append(" and entity_type = :type");
            params.put("type", entityType.trim());
        }
        if (blankToNull(actor) != null) {
            sql.append(" and actor = :actor");
            params.put("actor", actor.trim());
        }
        sql.append(" order by seq desc limit :size");
        params.put("size", Math.min(Math.max(size, 1), 500));
        return jdbc.sql(sql.toString()).params(params).query(JdbcAuditLog::map).list();
    }

    // One snapshot for the entries and the head: read committed would let a writer commit between the two reads
    // and report a chain that is longer than the entries read as broken.
    @Override
    @Transactional(readOnly = true, isolation = org.springframework.transaction.annotation.Isolation.REPEATABLE_READ)
    public ChainVerification verifyChain() {
        var state = new Object() {
            String prev = "0".repeat(64);
            long expectedSeq = 1;
            long checked;
            Long broken;
            String problem;
        };
        jdbc.sql("select " + COLUMNS + " from audit.entry order by seq").query(rs -> {
            if (state.broken != null) {
                return;
            }
            AuditEntry e = map(rs, 0);
            state.checked++;
            if (e.seq() != state.expectedSeq) {
                state.broken = state.expectedSeq;
                state.problem = "entry " + state.expectedSeq + " is missing";
            } else if (!e.prevHash().equals(state.prev)) {
                state.broken = e.seq();
                state.problem = "entry " + e.seq() + " does not link to the hash of entry " + (e.seq() - 1);
            } else if (!AuditHash.of(e.prevHash(), e.seq(), e.occurredAt(), e.actor(), e.action(), e.entityType(),
                    e.entityId(), e.oldValue(), e.newValue(), e.reason()).equals(e.hash())) {
                state.broken = e.seq();
                state.problem = "entry " + e.seq() + " was altered after it was written";
            }
            state.prev = e.hash();
            state.expectedSeq = e.seq() + 1;
        });
        if (state.broken == null) {
            Long headSeq = jdbc.sql("select last_seq from audit.chain_head where id = 1").query(Long.class).single();
            if (headSeq != state.expectedSeq - 1) {
                state.broken = state.expectedSeq;
                state.problem = "the chain ends at " + (state.expectedSeq - 1) + " but " + headSeq
                        + " entries were written";
            }
        }
        return new ChainVerification(state.checked, state.broken, state.problem);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String currentActor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null || !auth.isAuthenticated() ? "system" : auth.getName();
    }

    private static AuditEntry map(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getLong("seq"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor"),
                rs.getString("action"), rs.getString("entity_type"), rs.getString("entity_id"),
                rs.getString("old_value"), rs.getString("new_value"), rs.getString("reason"),
                rs.getString("prev_hash"), rs.getString("hash"));
    }
}
