package org.lavender.results.internal;

import java.time.Instant;
import java.util.List;

/**
 * A critical result to be telephoned to the provider (CLIA 42 CFR 493.1291(g)): due by {@code deadline}; OVERDUE
 * once past it without a confirmed call (escalated to the supervisor); DONE when the receiver read the result back.
 */
record CriticalCall(long id, long resultId, long patientId, String accession, String testName, String valueText,
                    String unit, String interpretation, Instant detectedAt, Instant deadline, String status,
                    Instant escalatedAt, Instant completedAt, String completedBy, List<Attempt> attempts) {

    /** One call: who called whom at which number or place, reached or not, read back or not. */
    record Attempt(long id, Instant calledAt, String calledBy, String recipient, String contact, boolean reached,
                   Boolean readBack, String note) {
    }

    public boolean overdue(Instant now) {
        return "OVERDUE".equals(status) || "OPEN".equals(status) && now.isAfter(deadline);
    }

    public long failedAttempts() {
        return attempts.stream().filter(a -> !a.reached() || !Boolean.TRUE.equals(a.readBack())).count();
    }
}
