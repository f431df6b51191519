package org.lavender.protocols.astm;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** LIS2-A2 test order record (O). */
public record OrderRecord(AstmRecord raw, int sequence, String specimenId, String instrumentSpecimenId,
        List<UniversalTestId> tests, String priority, Optional<LocalDateTime> requestedAt,
        Optional<LocalDateTime> collectedAt, String actionCode, String specimenDescriptor, String reportType) {

    public OrderRecord {
        tests = List.copyOf(tests);
    }

    public static OrderRecord of(AstmRecord raw) {
        // O-3 specimen id (the accession), O-4 instrument specimen id, O-5 universal test ids (repeated),
        // O-6 priority, O-7 requested, O-8 collected, O-12 action code, O-16 specimen descriptor, O-26 report type.
        List<UniversalTestId> tests = raw.repeats(5).stream().filter(r -> !r.isBlank())
                .map(r -> UniversalTestId.of(raw.components(r))).toList();
        return new OrderRecord(raw, raw.sequence(2), raw.component(3, 1).trim(), raw.component(4, 1).trim(), tests,
                raw.text(6).trim(), raw.timestamp(7), raw.timestamp(8), raw.text(12).trim(), raw.text(16),
                raw.text(26).trim());
    }
}
