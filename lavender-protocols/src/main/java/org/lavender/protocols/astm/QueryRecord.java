package org.lavender.protocols.astm;

import java.util.List;

/** LIS2-A2 request information record (Q): the instrument asks the host for orders. */
public record QueryRecord(AstmRecord raw, int sequence, List<String> startingRange, List<String> endingRange,
        List<UniversalTestId> tests, String statusCode) {

    public QueryRecord {
        startingRange = List.copyOf(startingRange);
        endingRange = List.copyOf(endingRange);
        tests = List.copyOf(tests);
    }

    public static QueryRecord of(AstmRecord raw) {
        // Q-3 starting range id (patient id ^ specimen id ^ ...), Q-4 ending range, Q-5 universal test id
        // (ALL or repeated ids), Q-13 request information status code (O orders, C cancel, ...).
        List<UniversalTestId> tests = raw.repeats(5).stream().filter(r -> !r.isBlank())
                .map(r -> UniversalTestId.of(raw.components(r))).toList();
        return new QueryRecord(raw, raw.sequence(2), raw.components(3), raw.components(4), tests,
                raw.text(13).trim());
    }

    /** The specimen the instrument asks about: second component of Q-3. */
    public String specimenId() {
        return startingRange.size() > 1 ? startingRange.get(1).trim() : "";
    }

    /** The patient the instrument asks about: first component of Q-3. */
    public String patientId() {
        return startingRange.isEmpty() ? "" : startingRange.get(0).trim();
    }

    /** Q-5 {@code ALL} or empty: every test ordered for the specimen. */
    public boolean asksForAllTests() {
        return tests.isEmpty() || tests.size() == 1 && tests.get(0).code().equalsIgnoreCase("ALL");
    }
}
