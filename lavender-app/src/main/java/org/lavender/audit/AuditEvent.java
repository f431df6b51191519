package org.lavender.audit;

import java.util.Objects;

/**
 * One change to record: what happened to which thing, the value before and after (human-readable), and why.
 * The actor and time are added by {@link AuditLog}.
 */
public record AuditEvent(String action, String entityType, String entityId, String oldValue, String newValue,
                         String reason) {

    public AuditEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(entityType, "entityType");
        Objects.requireNonNull(entityId, "entityId");
    }

    public static AuditEvent created(String entityType, Object entityId, String newValue) {
        return new AuditEvent("CREATE", entityType, String.valueOf(entityId), null, newValue, null);
    }

    public static AuditEvent changed(String entityType, Object entityId, String oldValue, String newValue,
                                     String reason) {
        return new AuditEvent("UPDATE", entityType, String.valueOf(entityId), oldValue, newValue, reason);
    }

    public static AuditEvent of(String action, String entityType, Object entityId, String oldValue,
                                String newValue, String reason) {
        return new AuditEvent(action, entityType, String.valueOf(entityId), oldValue, newValue, reason);
    }
}
