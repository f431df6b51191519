package org.lavender.results;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Results {

    Optional<LabResult> find(long id);

    /** Keyset-paginated, newest first. */
    Slice<LabResult> search(ResultQuery query, String cursor, int size);

    List<LabResult> forOrder(long orderId);

    /**
     * The results of several orders at once (a page of FHIR DiagnosticReports, a cumulative report), so a list
     * costs one query rather than one per order. Implementations should override this with a single query.
     */
    default List<LabResult> forOrders(java.util.Collection<Long> orderIds) {
        return orderIds.stream().distinct().flatMap(id -> forOrder(id).stream()).toList();
    }

    /** Former values of a result, oldest first. */
    List<ResultRevision> revisions(long resultId);
}
