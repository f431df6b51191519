package org.lavender.protocols.astm;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** LIS2-A2 result record (R). */
public record ResultRecord(AstmRecord raw, int sequence, UniversalTestId testId, ResultValue value, String units,
        String referenceRange, List<String> abnormalFlags, String status, String operator,
        Optional<LocalDateTime> startedAt, Optional<LocalDateTime> completedAt, String instrument) {

    public ResultRecord {
        abnormalFlags = List.copyOf(abnormalFlags);
    }

    public static ResultRecord of(AstmRecord raw) {
        // R-3 universal test id, R-4 value, R-5 units, R-6 reference range, R-7 abnormal flags (repeatable),
        // R-9 result status, R-11 operator, R-12 test started, R-13 test completed, R-14 instrument.
        List<String> flags = raw.repeats(7).stream().map(raw.delimiters()::unescape).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
        return new ResultRecord(raw, raw.sequence(2), UniversalTestId.of(raw.components(3)), measurement(raw),
                raw.text(5).trim(), raw.text(6), flags, raw.text(9).trim(), raw.text(11), raw.timestamp(12),
                raw.timestamp(13), raw.text(14));
    }

    /** Analyzers put the measurement in the first component, some (GeneXpert Ct) in a later one. */
    private static ResultValue measurement(AstmRecord raw) {
        return ResultValue.parse(raw.components(4).stream().filter(s -> !s.isBlank()).findFirst().orElse(""));
    }

    /** R-9 as a code, when it is one of LIS2-A2's. */
    public Optional<ResultStatus> resultStatus() {
        return ResultStatus.of(status);
    }

    /** R-7 carries any flag other than N (normal). */
    public boolean isAbnormal() {
        return abnormalFlags.stream().anyMatch(f -> !f.equalsIgnoreCase("N"));
    }
}
