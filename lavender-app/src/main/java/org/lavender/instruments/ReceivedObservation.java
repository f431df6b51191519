package org.lavender.instruments;

import java.time.Instant;

/** One patient result of a stored message and its filing state (PENDING, FILED, ERROR, IGNORED). */
public record ReceivedObservation(long id, long rawMessageId, int seq, String accession, String instrumentCode,
                                  String testCode, String valueText, String unit, String flags, Instant observedAt,
                                  String state, String reason, Long resultId) {
}
