package org.lavender.reporting.internal;

import java.util.List;

/**
 * One order's report as printed: who, what was ordered, and per section each test's released value with its flag
 * and reference interval, or "pending". {@code status} is FINAL when every test is released or cancelled,
 * CORRECTED when a released result was later changed, PRELIMINARY while tests are pending.
 */
record PatientReport(String lab, String labAddress, String patientName, String mrn, String birthDate, String sex,
                     String orderNumber, String orderedAt, String orderingProvider, String priority,
                     String collectedAt, String receivedAt, String status, String printedAt, int pending,
                     List<Section> sections) {

    record Section(String name, List<Line> lines) {
    }

    /**
     * A test line. {@code value} is empty unless the result is released; {@code notes} carry the correction
     * history, the critical-value notification and the comment, each a sentence.
     */
    record Line(String test, String value, String unit, String flag, String reference, String state,
                String releasedBy, String releasedAt, List<String> notes) {

        public boolean critical() {
            return "LL".equals(flag) || "HH".equals(flag) || "AA".equals(flag);
        }
    }
}
