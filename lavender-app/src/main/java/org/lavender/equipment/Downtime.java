package org.lavender.equipment;

import java.time.Instant;

/** A period an asset was out of service: started (with reason) and, once fixed, ended (with resolution). */
public record Downtime(long id, long assetId, String assetName, Instant startedAt, String reason, String startedBy,
                       Instant endedAt, String endedBy, String resolution) {

    public boolean active() {
        return endedAt == null;
    }
}
