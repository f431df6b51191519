package org.lavender.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

@LavenderIT
class AuditChainIT {

    @Autowired AuditLog audit;
    @Autowired JdbcClient jdbc;
    @Autowired TransactionTemplate tx;

    @Test
    void chainIsIntactAndDetectsATamperedRow() {
        long first = tx.execute(s -> audit.record("tester",
                AuditEvent.changed("result", "chain-1", "4.1 mmol/L", "4.4 mmol/L", "pipetting error")).seq());
        tx.executeWithoutResult(s -> audit.record("tester",
                AuditEvent.changed("result", "chain-1", "4.4 mmol/L", "4.5 mmol/L", "recalibrated")));
        assertThat(audit.verifyChain().problem()).isNull();
        assertThat(audit.history("result", "chain-1")).extracting(AuditEntry::newValue)
                .containsExactly("4.4 mmol/L", "4.5 mmol/L");

        // The table refuses updates; a tamperer with superuser rights must switch the trigger off first.
        assertThatThrownBy(() -> jdbc.sql("update audit.entry set new_value = '9.9' where seq = ?").param(first)
                .update()).hasMessageContaining("append-only");
        tx.executeWithoutResult(s -> {
            jdbc.sql("alter table audit.entry disable trigger entry_append_only").update();
            jdbc.sql("update audit.entry set new_value = '3.9 mmol/L' where seq = ?").param(first).update();
            jdbc.sql("alter table audit.entry enable trigger entry_append_only").update();
        });

        ChainVerification verification = audit.verifyChain();
        assertThat(verification.intact()).isFalse();
        assertThat(verification.firstBrokenSeq()).isEqualTo(first);
        assertThat(verification.problem()).contains("altered");

        // Put it back so other tests sharing this database see an intact chain.
        tx.executeWithoutResult(s -> {
            jdbc.sql("alter table audit.entry disable trigger entry_append_only").update();
            jdbc.sql("update audit.entry set new_value = '4.4 mmol/L' where seq = ?").param(first).update();
            jdbc.sql("alter table audit.entry enable trigger entry_append_only").update();
        });
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void batchedEntriesAreWrittenAtCommitInCallOrderAndRollBackWithTheirTransaction() {
        tx.executeWithoutResult(s -> {
            audit.recordBatched("analyzer:Chain", AuditEvent.changed("result", "batch-1", null, "4.1 mmol/L",
                    "sent by analyzer"));
            audit.recordBatched("analyzer:Chain", AuditEvent.changed("result", "batch-2", null, "140 mmol/L",
                    "sent by analyzer"));
            // An immediate entry writes the batch before it, so the trail keeps the order of the calls.
            AuditEntry verified = audit.record("autoverification", AuditEvent.of("VERIFY", "result", "batch-1",
                    "preliminary", "final", "autoverified"));
            audit.recordBatched("analyzer:Chain", AuditEvent.changed("result", "batch-1", "4.1 mmol/L",
                    "4.2 mmol/L", "re-run"));
            assertThat(audit.history("result", "batch-1")).extracting(AuditEntry::seq)
                    .containsExactly(verified.seq() - 2, verified.seq(), verified.seq() + 1);
        });
        assertThat(audit.history("result", "batch-1")).extracting(AuditEntry::action)
                .containsExactly("UPDATE", "VERIFY", "UPDATE");
        assertThat(audit.history("result", "batch-2")).hasSize(1);

        tx.executeWithoutResult(s -> {
            audit.recordBatched("analyzer:Chain", AuditEvent.changed("result", "batch-3", null, "9.9", "lost"));
            s.setRollbackOnly();
        });
        assertThat(audit.history("result", "batch-3")).isEmpty();
        assertThat(audit.verifyChain().problem()).isNull();
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> audit.record(AuditEvent.created("patient", 1, "x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
