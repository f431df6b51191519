package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
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
 * The per-test rules a lab tunes: autoverification limits, specimen stability, analytical measuring range, possible
 * range, and the delta check (method, limit, look-back window). Verifiers and administrators change them; every
 * change is validated as a whole (nothing partial is stored) and audited old → new (CLSI AUTO10 asks that rule
 * changes be documented and validated).
 */
@Service
class TestRuleSettings {

    /** All settings of one numeric test, as shown on its form; null fields are not set. */
    record Settings(String testCode, String testName, String unit, BigDecimal autoLow, BigDecimal autoHigh,
                    Integer stabilityHours, BigDecimal amrLow, BigDecimal amrHigh, BigDecimal possibleLow,
                    BigDecimal possibleHigh, DeltaRule delta) {

        /** "limits 2.7–5.9; stability 8 h; AMR 1–10; possible 0–; delta ABSOLUTE 1 in 24 h" for the audit trail. */
        public String text() {
            return "limits " + range(autoLow, autoHigh) + "; stability " + (stabilityHours == null ? "–"
                    : stabilityHours + " h") + "; AMR " + range(amrLow, amrHigh) + "; possible "
                    + range(possibleLow, possibleHigh) + "; delta " + (delta == null ? "none" : delta.method() + " "
                    + delta.limit().stripTrailingZeros().toPlainString() + " in " + delta.windowHours() + " h");
        }

        private static String range(BigDecimal low, BigDecimal high) {
            if (low == null && high == null) {
                return "–";
            }
            return (low == null ? "" : low.stripTrailingZeros().toPlainString()) + "–"
                    + (high == null ? "" : high.stripTrailingZeros().toPlainString());
        }
    }

    /** The form as typed: every field text, blank for "not set". */
    record Form(String autoLow, String autoHigh, String stabilityHours, String amrLow, String amrHigh,
                String possibleLow, String possibleHigh, String deltaMethod, String deltaLimit, String deltaWindowHours) {
    }

    private final JdbcClient jdbc;
    private final IntelligenceRepository rules;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    TestRuleSettings(JdbcClient jdbc, IntelligenceRepository rules, Catalog catalog, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The settings of a section's numeric tests, read in two queries whatever the number of tests. */
    @Transactional(readOnly = true)
    java.util.List<Settings> ofSection(String section) {
        java.util.Map<String, IntelligenceRepository.TestLimits> limits = rules.allTestLimits();
        java.util.Map<String, DeltaRule> deltas = rules.deltaRules().stream()
                .collect(java.util.stream.Collectors.toMap(DeltaRule::testCode, d -> d));
        return catalog.testsInSection(section).stream().filter(TestDefinition::numeric)
                .map(t -> settings(t, Optional.ofNullable(limits.get(t.code())), deltas.get(t.code()))).toList();
    }

    @Transactional(readOnly = true)
    Settings of(String testCode) {
        TestDefinition test = numericTest(testCode);
        return settings(test, rules.testLimits(test.code()), rules.deltaRule(test.code()).orElse(null));
    }

    private static Settings settings(TestDefinition test, Optional<IntelligenceRepository.TestLimits> l,
                                     DeltaRule delta) {
        return new Settings(test.code(), test.name(), test.unit(),
                l.map(IntelligenceRepository.TestLimits::low).orElse(null),
                l.map(IntelligenceRepository.TestLimits::high).orElse(null),
                l.map(IntelligenceRepository.TestLimits::stabilityHours).orElse(null),
                l.map(IntelligenceRepository.TestLimits::amrLow).orElse(null),
                l.map(IntelligenceRepository.TestLimits::amrHigh).orElse(null),
                l.map(IntelligenceRepository.TestLimits::possibleLow).orElse(null),
                l.map(IntelligenceRepository.TestLimits::possibleHigh).orElse(null), delta);
    }

    /** Validates the whole form, then stores and audits it; refused with the field and reason otherwise. */
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    @Transactional
    Settings save(String testCode, Form form, String reason) {
        rules.rulesChanged();
        TestDefinition test = numericTest(testCode);
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new InvalidInputException("reason", "Say why the rules of " + test.code() + " change"
                    + " (e.g. the validation it is based on)");
        }
        if (why.length() > 500) {
            throw new InvalidInputException("reason", "A reason may have at most 500 characters");
        }
        Settings after = parse(test, form);
        Settings before = of(test.code());
        if (before.text().equals(after.text())) {
            throw new InvalidInputException("autoLow", "Nothing changed for " + test.code());
        }
        String user = ResultService.currentUser();
        var now = Timestamp.from(clock.instant());
        jdbc.sql("""
                insert into results.autoverification_test (test_code, low, high, stability_hours, amr_low, amr_high,
                    possible_low, possible_high, updated_at, updated_by) values (?,?,?,?,?,?,?,?,?,?)
                on conflict (test_code) do update set low = excluded.low, high = excluded.high,
                    stability_hours = excluded.stability_hours, amr_low = excluded.amr_low,
                    amr_high = excluded.amr_high, possible_low = excluded.possible_low,
                    possible_high = excluded.possible_high, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by""")
                .params(test.code(), after.autoLow(), after.autoHigh(), after.stabilityHours(), after.amrLow(),
                        after.amrHigh(), after.possibleLow(), after.possibleHigh(), now, user)
                .update();
        if (after.delta() == null) {
            jdbc.sql("delete from results.delta_rule where test_code = ?").param(test.code()).update();
        } else {
            jdbc.sql("""
                    insert into results.delta_rule (test_code, method, limit_value, window_hours) values (?,?,?,?)
                    on conflict (test_code) do update set method = excluded.method,
                        limit_value = excluded.limit_value, window_hours = excluded.window_hours""")
                    .params(test.code(), after.delta().method().name(), after.delta().limit(),
                            after.delta().windowHours())
                    .update();
        }
        audit.record(AuditEvent.changed("test-rules", test.code(), before.text(), after.text(), why));
        return after;
    }

    /**
     * A profile's starter autoverification limits ("RBC 3.0-6.5, MCH 24-36", the demo lab's for tests without a
     * reference interval), stored as the system for tests that have no row yet; a malformed entry stops start-up.
     */
    @Transactional
    void defaultLimits(String spec) {
        rules.rulesChanged();
        for (String entry : spec.split(",")) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("([A-Z0-9_-]{1,16})\\s+(\\d+(?:\\.\\d+)?)-(\\d+(?:\\.\\d+)?)").matcher(e);
            if (!m.matches()) {
                throw new IllegalStateException("Default autoverification limit '" + e + "' is not 'CODE low-high'");
            }
            TestDefinition test = numericTest(m.group(1));
            BigDecimal low = new BigDecimal(m.group(2));
            BigDecimal high = new BigDecimal(m.group(3));
            if (low.compareTo(high) >= 0) {
                throw new IllegalStateException("Default autoverification limit '" + e + "': low is not below high");
            }
            int inserted = jdbc.sql("""
                    insert into results.autoverification_test (test_code, low, high, updated_at, updated_by)
                    values (?,?,?,?,'system') on conflict do nothing""")
                    .params(test.code(), low, high, Timestamp.from(clock.instant())).update();
            if (inserted == 1) {
                audit.record("system", AuditEvent.changed("test-rules", test.code(), null,
                        "limits " + low.toPlainString() + "–" + high.toPlainString(), "profile default"));
            }
        }
    }

    static Settings parse(TestDefinition test, Form f) {
        BigDecimal autoLow = number(f.autoLow(), "autoLow", "Autoverification low");
        BigDecimal autoHigh = number(f.autoHigh(), "autoHigh", "Autoverification high");
        BigDecimal amrLow = number(f.amrLow(), "amrLow", "AMR low");
        BigDecimal amrHigh = number(f.amrHigh(), "amrHigh", "AMR high");
        BigDecimal possibleLow = number(f.possibleLow(), "possibleLow", "Lowest possible value");
        BigDecimal possibleHigh = number(f.possibleHigh(), "possibleHigh", "Highest possible value");
        ordered(autoLow, autoHigh, "autoHigh", "Autoverification low must be below high");
        ordered(amrLow, amrHigh, "amrHigh", "AMR low must be below AMR high");
        ordered(possibleLow, possibleHigh, "possibleHigh", "The possible range's low must be below its high");
        // Autoverification limits lie inside the AMR, and the AMR inside what is possible (clinical reference §5).
        if (amrLow != null && autoLow != null && autoLow.compareTo(amrLow) < 0
                || amrHigh != null && autoHigh != null && autoHigh.compareTo(amrHigh) > 0) {
            throw new InvalidInputException("autoLow", "Autoverification limits must lie within the AMR");
        }
        if (possibleLow != null && amrLow != null && amrLow.compareTo(possibleLow) < 0
                || possibleHigh != null && amrHigh != null && amrHigh.compareTo(possibleHigh) > 0) {
            throw new InvalidInputException("amrLow", "The AMR must lie within the possible range");
        }
        Integer stability = integer(f.stabilityHours(), "stabilityHours", "Stability (h)", 1, 24 * 365);
        DeltaRule delta = delta(test, f);
        return new Settings(test.code(), test.name(), test.unit(), autoLow, autoHigh, stability, amrLow, amrHigh,
                possibleLow, possibleHigh, delta);
    }

    private static DeltaRule delta(TestDefinition test, Form f) {
        String method = f.deltaMethod() == null ? "" : f.deltaMethod().strip().toUpperCase(Locale.ROOT);
        if (method.isEmpty() || method.equals("NONE")) {
            return null;
        }
        DeltaRule.Method m;
        try {
            m = DeltaRule.Method.valueOf(method);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("deltaMethod", "Delta method is ABSOLUTE, PERCENT or RATE_PER_DAY");
        }
        BigDecimal limit = number(f.deltaLimit(), "deltaLimit", "Delta limit");
        if (limit == null || limit.signum() <= 0) {
            throw new InvalidInputException("deltaLimit", "A delta check needs a limit above 0");
        }
        Integer window = integer(f.deltaWindowHours(), "deltaWindowHours", "Delta window (h)", 1, 24 * 365);
        if (window == null) {
            throw new InvalidInputException("deltaWindowHours", "A delta check needs a look-back window in hours");
        }
        return new DeltaRule(test.code(), m, limit, window);
    }

    private static BigDecimal number(String text, String field, String label) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (t.length() > 20 || !t.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new InvalidInputException(field, label + ": '" + t + "' is not a number (use a decimal point)");
        }
        return new BigDecimal(t);
    }

    private static Integer integer(String text, String field, String label, int min, int max) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return null;
        }
        if (!t.matches("\\d{1,5}") || Integer.parseInt(t) < min || Integer.parseInt(t) > max) {
            throw new InvalidInputException(field, label + " must be a whole number from " + min + " to " + max);
        }
        return Integer.parseInt(t);
    }

    private static void ordered(BigDecimal low, BigDecimal high, String field, String message) {
        if (low != null && high != null && low.compareTo(high) >= 0) {
            throw new InvalidInputException(field, message);
        }
    }

    private TestDefinition numericTest(String testCode) {
        TestDefinition test = catalog.test(testCode == null ? "" : testCode.strip())
                .orElseThrow(() -> new InvalidInputException("testCode", "Unknown test '" + testCode + "'"));
        if (!test.numeric()) {
            throw new InvalidInputException("testCode", test.code() + " is not numeric: it has no limits or delta");
        }
        return test;
    }
}
