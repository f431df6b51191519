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
        assertThat(audit.verifyChain().intact()).isTrue();
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
        assertThat(audit.verifyChain().intact()).isTrue();
    }

    @Test
    void recordingOutsideATransactionIsRefused() {
        assertThatThrownBy(() -> audit.record(AuditEvent.created("patient", 1, "x")))
                .isInstanceOf(IllegalTransactionStateException.class);
    }
}
