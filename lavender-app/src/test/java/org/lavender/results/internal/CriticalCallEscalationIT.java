package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.audit.AuditLog;
import org.lavender.shared.Priority;
import org.springframework.beans.factory.annotation.Autowired;

/** A critical call not documented within its deadline becomes overdue and is escalated, with an audit entry. */
@LavenderIT
class CriticalCallEscalationIT {

    @Autowired ResultRepository results;
    @Autowired CriticalCallRepository repository;
    @Autowired CriticalCalls calls;
    @Autowired AuditLog audit;

    @Test
    void aCallPastItsDeadlineIsEscalated() {
        Instant now = Instant.now();
        results.openPending(new PendingResult(990_001, "ESC-000001", 990_001, 990_001, 990_001, Priority.STAT, "K",
                "2823-3", "Potassium", "CHEM", "NUMERIC", "mmol/L", 1, now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofHours(1))));
        long resultId = results.forSpecimens(java.util.List.of(990_001L),
                java.util.EnumSet.allOf(org.lavender.results.ResultStatus.class)).get(0).result().id();
        long late = repository.open(resultId, 990_001, "ESC-000001", "Potassium", "6.9", "mmol/L", "HH",
                now.minus(Duration.ofMinutes(45)), now.minus(Duration.ofMinutes(15)));

        calls.escalateOverdue();

        CriticalCall escalated = calls.forResult(resultId).get(0);
        assertThat(escalated.id()).isEqualTo(late);
        assertThat(escalated.status()).isEqualTo("OVERDUE");
        assertThat(escalated.escalatedAt()).isNotNull();
        assertThat(escalated.overdue(Instant.now())).isTrue();
        assertThat(audit.history("critical-call", Long.toString(late)))
                .anySatisfy(e -> assertThat(e.toString()).contains("escalated to the supervisor"));
    }
}
