package org.lavender.equipment;

import java.time.Instant;

/**
 * An asset went out of service (downtime started). {@code analyzerName} is the analyzer in the instruments module
 * for an analyzer asset, null for other equipment.
 */
public record InstrumentDown(long assetId, String assetTag, String assetName, String analyzerName, Instant startedAt,
                             String reason) {
}
