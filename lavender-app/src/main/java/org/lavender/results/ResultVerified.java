package org.lavender.results;

/** A result was released (by a person or autoverification) and may reach the provider. */
public record ResultVerified(long resultId, long orderId, long patientId, String testCode, String verifiedBy) {
}
