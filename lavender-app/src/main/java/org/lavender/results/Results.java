package org.lavender.results;

import java.util.List;
import java.util.Optional;
import org.lavender.shared.Slice;

public interface Results {

    Optional<LabResult> find(long id);

    /** Keyset-paginated, newest first. */
    Slice<LabResult> search(ResultQuery query, String cursor, int size);

    List<LabResult> forOrder(long orderId);

    /** Former values of a result, oldest first. */
    List<ResultRevision> revisions(long resultId);
}
