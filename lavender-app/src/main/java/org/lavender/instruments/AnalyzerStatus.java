package org.lavender.instruments;

import java.time.Instant;

/**
 * The live state of one analyzer's connection: {@code link} is e.g. "listening on 2575", "connected",
 * "stopped" or the last socket error; {@code boundPort} is the port actually listened on.
 */
public record AnalyzerStatus(Analyzer analyzer, String link, Integer boundPort, int openConnections,
                             Instant lastMessageAt, long messagesToday, long errorsToday, String lastError) {
}
