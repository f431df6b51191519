package org.lavender.results;

import java.math.BigDecimal;
import java.time.Instant;
import org.lavender.shared.Interpretation;

/**
 * One test's result on one specimen. {@code valueText} is what was entered or sent ("4.2", "<0.05", "positive");
 * for numeric tests {@code comparator} and {@code numericValue} hold its parsed form. The reference interval
 * applied is stored with the result ({@code referenceIntervalId}, low/high, text).
 */
public record LabResult(long id, long specimenId, String accession, long orderId, long orderItemId, long patientId,
                        String testCode, String loinc, String testName, String section, String valueText,
                        String comparator, BigDecimal numericValue, String unit, Interpretation interpretation,
                        Long referenceIntervalId, BigDecimal referenceLow, BigDecimal referenceHigh,
                        String referenceText, ResultStatus status, Instant collectedAt, Instant receivedAt, Instant resultedAt,
                        String resultedBy, Instant verifiedAt, String verifiedBy, String comment, int version) {
}
