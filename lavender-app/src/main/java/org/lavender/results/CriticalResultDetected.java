package org.lavender.results;

import org.lavender.shared.Interpretation;

/** A result crossed a critical (panic) limit: CLIA 493.1291(g) requires the lab to notify at once. */
public record CriticalResultDetected(long resultId, long orderId, long patientId, String testCode, String value,
                                     Interpretation interpretation) {
}
