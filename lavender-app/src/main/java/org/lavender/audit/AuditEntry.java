package org.lavender.audit;

import java.time.Instant;

public record AuditEntry(long seq, Instant occurredAt, String actor, String action, String entityType,
                         String entityId, String oldValue, String newValue, String reason, String prevHash,
                         String hash) {
}
