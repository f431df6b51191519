package org.lavender.shared;

import java.util.List;

/**
 * One page of a keyset-paginated list: the rows and the cursor to pass for the next page (null on the last).
 * Lists never use OFFSET, so page 5,000 costs what page 1 costs.
 */
public record Slice<T>(List<T> items, String nextCursor) {

    public boolean hasNext() {
        return nextCursor != null;
    }
}
