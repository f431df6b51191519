package org.lavender.equipment;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * One unit of a lot opened and loaded on an analyzer. It may be used until {@code stableUntil}: the end of its
 * on-board stability or the end of the lot's expiry day, whichever comes first (manufacturer's instructions;
 * CLIA 42 CFR 493.1252(d)).
 */
public record ReagentInUse(long id, long lotId, long reagentId, String reagentName, String lotNumber,
                           LocalDate expiresOn, long assetId, String assetName, Instant openedAt, String openedBy,
                           Instant stableUntil, int testsLeft, Instant removedAt, String removedBy) {

    /** When a unit opened at {@code openedAt} stops being usable. */
    public static Instant stableUntil(Instant openedAt, Integer onboardDays, LocalDate expiresOn, ZoneId zone) {
        Instant endOfExpiryDay = expiresOn.plusDays(1).atStartOfDay(zone).toInstant();
        if (onboardDays == null) {
            return endOfExpiryDay;
        }
        Instant onboard = openedAt.plus(Duration.ofDays(onboardDays));
        return onboard.isBefore(endOfExpiryDay) ? onboard : endOfExpiryDay;
    }

    public boolean usableAt(Instant at) {
        return at.isBefore(stableUntil);
    }

    public boolean loaded() {
        return removedAt == null;
    }
}
