package org.lavender.audit;

import java.util.List;

/**
 * The lab's audit trail. {@link #record} must be called inside the transaction that makes the change, so the
 * change and its audit row commit or roll back together.
 */
public interface AuditLog {

    /** Records the event as done by the current user (or {@code system} outside a request). */
    AuditEntry record(AuditEvent event);

    /** Records the event as done by the named actor (e.g. an analyzer or {@code autoverification}). */
    AuditEntry record(String actor, AuditEvent event);

    /**
     * Records the event with the transaction's batch, for bulk work such as filing an analyzer message: the batch
     * is written with one lock of the chain head and one batch insert just before commit (or before the
     * transaction's next {@link #record}, so the trail keeps the order of the calls), and rolls back with it.
     */
    void recordBatched(String actor, AuditEvent event);

    /** History of one thing, oldest first. */
    List<AuditEntry> history(String entityType, String entityId);

    /** Newest entries first, keyset-paginated: pass the smallest seq seen, or null for the first page. */
    List<AuditEntry> page(Long beforeSeq, int size, String entityType, String actor);

    /** Recomputes every hash in order; the first broken link is reported. */
    ChainVerification verifyChain();
}
