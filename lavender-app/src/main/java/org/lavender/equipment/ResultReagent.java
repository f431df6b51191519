package org.lavender.equipment;

import java.time.Instant;
import java.time.LocalDate;

/** The reagent lot in use when a result was filed on an analyzer. */
public record ResultReagent(long resultId, String testCode, Instant filedAt, String assetName, String reagentName,
                            String lotNumber, LocalDate expiresOn, boolean beyondStability) {
}
