package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The serum index settings of autoverification (clinical reference §5 rule 6): which catalog test carries each index
 * kind, and per analyte the highest index at which a result may still release itself. Administrators change them;
 * each change is validated whole, audited old → new with its reason (CLSI AUTO10: rule changes are documented and
 * validated) and takes effect at once (the rule snapshot is dropped after the commit).
 */
@Service
class SerumIndexSettings {

    /** The catalog test that carries an index kind, and who mapped it last. */
    record Carrier(SerumIndex kind, String testCode, String testName, Instant updatedAt, String updatedBy) {

        public String label() {
            return kind.label();
        }
    }

    /** One analyte's limits and who set them last. */
    record TestLimits(String testCode, String testName, IndexLimits limits, Instant updatedAt, String updatedBy) {

        public String text() {
            return limits.text();
        }
    }

    private final JdbcClient jdbc;
    private final IntelligenceRepository rules;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    SerumIndexSettings(JdbcClient jdbc, IntelligenceRepository rules, Catalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The carrier of each kind that has one, in H, I, L order. */
    @Transactional(readOnly = true)
    List<Carrier> carriers() {
        return jdbc.sql("select index_kind, test_code, updated_at, updated_by from results.serum_index_test"
                        + " order by index_kind")
                .query((rs, n) -> new Carrier(SerumIndex.valueOf(rs.getString(1)), rs.getString(2),
                        catalog.test(rs.getString(2)).map(TestDefinition::name).orElse("(not in the catalog)"),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .list();
    }

    /** Every analyte that has index limits, by test code. */
    @Transactional(readOnly = true)
    List<TestLimits> allLimits() {
        var byTest = new TreeMap<String, List<Row>>();
        jdbc.sql("select test_code, index_kind, max_value, updated_at, updated_by from results.serum_index_limit")
                .query((rs, n) -> byTest.computeIfAbsent(rs.getString(1), t -> new ArrayList<>())
                        .add(new Row(SerumIndex.valueOf(rs.getString(2)), rs.getBigDecimal(3),
                                rs.getTimestamp(4).toInstant(), rs.getString(5))))
                .list();
        var all = new ArrayList<TestLimits>();
        byTest.forEach((code, rows) -> all.add(limits(code, rows)));
        return all;
    }

    /** The limits of one numeric test (none set: {@link IndexLimits#NONE}). */
    @Transactional(readOnly = true)
    TestLimits limitsOf(String testCode) {
        TestDefinition test = numericTest(testCode);
        List<Row> rows = jdbc.sql("select index_kind, max_value, updated_at, updated_by from results.serum_index_limit"
                        + " where test_code = ?")
                .param(test.code())
                .query((rs, n) -> new Row(SerumIndex.valueOf(rs.getString(1)), rs.getBigDecimal(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .list();
        return limits(test.code(), rows);
    }

    private record Row(SerumIndex kind, BigDecimal max, Instant updatedAt, String updatedBy) {
    }

    private TestLimits limits(String testCode, List<Row> rows) {
        var limits = new EnumMap<SerumIndex, BigDecimal>(SerumIndex.class);
        Row latest = null;
        for (Row r : rows) {
            limits.put(r.kind(), r.max());
            latest = latest == null || r.updatedAt().isAfter(latest.updatedAt()) ? r : latest;
        }
        return new TestLimits(testCode, catalog.test(testCode).map(TestDefinition::name).orElse(testCode),
                new IndexLimits(limits), latest == null ? null : latest.updatedAt(),
                latest == null ? null : latest.updatedBy());
    }

    /**
     * Maps an index kind to the numeric catalog test that carries it (e.g. the analyzer's hemolysis index test);
     * blank {@code testCode} removes the mapping, refused while an analyte still has a limit of that kind (it would
     * never find its index and hold every result).
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    Carrier setCarrier(String kindText, String testCode, String reason) {
        rules.rulesChanged();
        SerumIndex kind = SerumIndex.parse(kindText);
        String why = reason(reason, "the " + kind.label() + " index test changes");
        Map<SerumIndex, String> before = carrierCodes();
        String old = before.get(kind);
        String code = testCode == null ? "" : testCode.strip();
        if (code.isEmpty()) {
            if (old == null) {
                throw new InvalidInputException("testCode", "No test carries the " + kind.label() + " index");
            }
            List<String> limited = limitedBy(kind);
            if (!limited.isEmpty()) {
                throw new InvalidInputException("testCode", String.join(", ", limited) + " still "
                        + (limited.size() == 1 ? "has a " : "have ") + kind.label() + " index limit"
                        + (limited.size() == 1 ? "" : "s") + ": remove " + (limited.size() == 1 ? "it" : "them")
                        + " before the " + kind.label() + " index test");
            }
            jdbc.sql("delete from results.serum_index_test where index_kind = ?").param(kind.name()).update();
            audit.record(AuditEvent.changed("serum-index-test", kind.name(), old, "none", why));
            return new Carrier(kind, null, null, clock.instant(), ResultService.currentUser());
        }
        TestDefinition test = numericTest(code);
        if (test.code().equals(old)) {
            throw new InvalidInputException("testCode", test.code() + " already carries the " + kind.label()
                    + " index");
        }
        before.forEach((other, carrier) -> {
            if (carrier.equals(test.code())) {
                throw new InvalidInputException("testCode", test.code() + " already carries the " + other.label()
                        + " index: one test carries one index");
            }
        });
        if (rules.enabledCalculations().stream().anyMatch(c -> c.outputTest().equals(test.code()))) {
            throw new InvalidInputException("testCode", test.code() + " is calculated: an index is measured");
        }
        if (hasLimits(test.code())) {
            throw new InvalidInputException("testCode", test.code() + " has serum index limits of its own: an index"
                    + " test is not limited by indices");
        }
        Instant now = clock.instant();
        String user = ResultService.currentUser();
        jdbc.sql("""
                insert into results.serum_index_test (index_kind, test_code, updated_at, updated_by) values (?,?,?,?)
                on conflict (index_kind) do update set test_code = excluded.test_code,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(kind.name(), test.code(), Timestamp.from(now), user).update();
        audit.record(AuditEvent.changed("serum-index-test", kind.name(), old == null ? "none" : old, test.code(),
                why));
        return new Carrier(kind, test.code(), test.name(), now, user);
    }

    /**
     * Sets the limits of one numeric analyte as a whole (blank: no limit of that kind). A limit needs a test that
     * carries its kind, or no result of the analyte could ever release itself.
     */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    TestLimits setLimits(String testCode, String hemolysis, String icterus, String lipemia, String reason) {
        rules.rulesChanged();
        TestDefinition test = numericTest(testCode);
        String why = reason(reason, "the serum index limits of " + test.code() + " change (e.g. the vendor's"
                + " interference data)");
        IndexLimits after = IndexLimits.parse(hemolysis, icterus, lipemia);
        Map<SerumIndex, String> carriers = carrierCodes();
        carriers.forEach((kind, carrier) -> {
            if (carrier.equals(test.code()) && !after.isEmpty()) {
                throw new InvalidInputException("testCode", test.code() + " carries the " + kind.label()
                        + " index itself: an index test is not limited by indices");
            }
        });
        for (SerumIndex kind : SerumIndex.values()) {
            if (after.get(kind) != null && !carriers.containsKey(kind)) {
                throw new InvalidInputException(kind.label(), "No test carries the " + kind.label() + " index: map"
                        + " one before setting " + kind.label() + " limits");
            }
        }
        TestLimits before = limitsOf(test.code());
        if (before.limits().text().equals(after.text())) {
            throw new InvalidInputException("hemolysis", "Nothing changed for " + test.code());
        }
        Instant now = clock.instant();
        String user = ResultService.currentUser();
        jdbc.sql("delete from results.serum_index_limit where test_code = ?").param(test.code()).update();
        for (SerumIndex kind : SerumIndex.values()) {
            BigDecimal max = after.get(kind);
            if (max != null) {
                jdbc.sql("""
                        insert into results.serum_index_limit (test_code, index_kind, max_value, updated_at, updated_by)
                        values (?,?,?,?,?)""")
                        .params(test.code(), kind.name(), max, Timestamp.from(now), user).update();
            }
        }
        audit.record(AuditEvent.changed("serum-index-limits", test.code(), before.limits().text(), after.text(), why));
        return new TestLimits(test.code(), test.name(), after, now, user);
    }

    private Map<SerumIndex, String> carrierCodes() {
        Map<SerumIndex, String> codes = new EnumMap<>(SerumIndex.class);
        jdbc.sql("select index_kind, test_code from results.serum_index_test")
                .query((rs, n) -> codes.put(SerumIndex.valueOf(rs.getString(1)), rs.getString(2))).list();
        return codes;
    }

    private List<String> limitedBy(SerumIndex kind) {
        return jdbc.sql("select test_code from results.serum_index_limit where index_kind = ? order by test_code")
                .param(kind.name()).query(String.class).list();
    }

    private boolean hasLimits(String testCode) {
        return jdbc.sql("select count(*) from results.serum_index_limit where test_code = ?").param(testCode)
                .query(Integer.class).single() > 0;
    }

    private static String reason(String reason, String what) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "Say why " + what);
        }
        if (why.length() > 500) {
            throw new InvalidInputException("reason", "A reason may have at most 500 characters");
        }
        return why;
    }

    private TestDefinition numericTest(String testCode) {
        String code = testCode == null ? "" : testCode.strip();
        TestDefinition test = catalog.test(code).orElseThrow(() -> new InvalidInputException("testCode",
                "Unknown test '" + IndexLimits.shown(code) + "'"));
        if (!test.numeric()) {
            throw new InvalidInputException("testCode", test.code() + " is not numeric: it has no serum index"
                    + " limits and carries no index");
        }
        return test;
    }
}
