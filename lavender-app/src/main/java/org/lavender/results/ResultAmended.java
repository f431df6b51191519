package org.lavender.results;

/** A released result was corrected; the provider must be told. */
public record ResultAmended(long resultId, long orderId, long patientId, String testCode, String oldValue,
                            String newValue, String reason, String amendedBy) {
}
