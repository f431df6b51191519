package org.lavender.equipment;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A logged temperature with the range that applied when it was read (kept with the reading, so changing a fridge's
 * range later does not rewrite its history). Out-of-range readings stay flagged until a corrective action is noted.
 */
public record TemperatureReading(long id, long assetId, String assetName, Instant recordedAt, Temperature reading,
                                 BigDecimal celsius, TemperatureRange range, boolean inRange, String recordedBy,
                                 String comment, String correctiveAction, String actionBy, Instant actionAt) {
}
