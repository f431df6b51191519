package org.lavender.instruments.internal;

import java.util.List;
import org.lavender.protocols.astm.QueryRecord;

/** What a stored message says: its measurements, the host queries in it, and a note for messages without either. */
record MessageContent(List<Observation> observations, List<QueryRecord> queries, String note) {

    MessageContent {
        observations = List.copyOf(observations);
        queries = List.copyOf(queries);
    }
}
