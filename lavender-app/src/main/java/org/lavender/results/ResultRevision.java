package org.lavender.results;

import java.time.Instant;
import org.lavender.shared.Interpretation;

/** A former value of a result, kept when it was changed (corrections keep the old value and the reason). */
public record ResultRevision(long resultId, int version, String valueText, String unit, Interpretation interpretation,
                             ResultStatus status, Instant changedAt, String changedBy, String reason) {
}
