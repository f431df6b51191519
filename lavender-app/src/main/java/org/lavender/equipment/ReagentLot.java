package org.lavender.equipment;

import java.time.Instant;
import java.time.LocalDate;

/** A received lot with its unopened units. A lot is usable through its expiry day (lab zone). */
public record ReagentLot(long id, long reagentId, String reagentName, String lotNumber, LocalDate expiresOn,
                         String storage, int unitsReceived, int unitsUnopened, Instant receivedAt, String receivedBy) {

    /** Days at which a lot with stock left is listed as expiring. */
    public static final int EXPIRY_WARNING_DAYS = 30;

    public boolean expiredOn(LocalDate today) {
        return today.isAfter(expiresOn);
    }

    public boolean expiringOn(LocalDate today) {
        return !today.plusDays(EXPIRY_WARNING_DAYS).isBefore(expiresOn);
    }
}
