package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.results.LabResult;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Rule tables and decisions of result intelligence: calculations, delta rules, autoverification outcomes.
 *
 * <p>The rule tables (calculations, delta rules, test limits, autoverification scopes, serum index settings,
 * thromboplastin lots) change rarely but are consulted for every filed value, so they are read together into an
 * in-memory snapshot. A service that writes them calls {@link #rulesChanged()} inside its transaction; the snapshot
 * is dropped after the commit, so this node sees the change at once. Another node running against the same database
 * sees it when its snapshot expires ({@link RuleSnapshot#TTL_NANOS}, 30 s).
 */
@Repository
class IntelligenceRepository {

    /** One configured calculated test: which calculator fills which catalog test. */
    record CalculationSetting(Calculator calculator, String outputTest, boolean addWhenComputable) {
    }

    /**
     * Per-test autoverification limits, specimen stability, analytical measuring range (AMR) and the range of values
     * that are possible at all (a count or concentration is never negative).
     */
    record TestLimits(BigDecimal low, BigDecimal high, Integer stabilityHours, BigDecimal amrLow, BigDecimal amrHigh,
                      BigDecimal possibleLow, BigDecimal possibleHigh) {

        AutoverificationRules.Limits measuringRange() {
            return AutoverificationRules.Limits.measuringRange(amrLow, amrHigh);
        }
    }

    /** A previous released result considered for a delta check. */
    record Previous(long id, String valueText, String comparator, BigDecimal number, String unit, Instant collectedAt) {
    }

    /** A thromboplastin lot with the period it was in use; {@code analyzer} null means any analyzer. */
    private record Lot(CalculationInputs.Thromboplastin thromboplastin, String analyzer, Instant from, Instant to) {

        boolean inEffect(String on, Instant at) {
            return (analyzer == null || analyzer.equals(on)) && !from.isAfter(at) && (to == null || to.isAfter(at));
        }
    }

    /** The rule tables as read at one moment. */
    private record RuleTables(List<CalculationSetting> calculations, Map<String, DeltaRule> deltaRules,
                              Map<String, TestLimits> limits, Map<String, Boolean> scopes,
                              Map<String, Map<Character, BigDecimal>> indexLimits, Map<String, Character> indexTests,
                              List<Lot> lots) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final RuleSnapshot<RuleTables> tables = new RuleSnapshot<>(this::load);

    IntelligenceRepository(JdbcClient jdbc, JdbcTemplate batch) {
        this.jdbc = jdbc;
        this.batch = batch;
    }

    /** Called by a service writing a rule table, inside its transaction: the snapshot is dropped after commit. */
    void rulesChanged() {
        tables.changed();
    }

    private RuleTables tables() {
        return tables.get();
    }

    private RuleTables load() {
        Map<String, DeltaRule> deltas = new HashMap<>();
        for (DeltaRule rule : deltaRulesFromDatabase()) {
            deltas.put(rule.testCode(), rule);
        }
        Map<String, Boolean> scopes = new HashMap<>();
        jdbc.sql("select scope_type, code, enabled from results.autoverification_scope")
                .query((rs, n) -> scopes.put(rs.getString(1) + ":" + rs.getString(2), rs.getBoolean(3))).list();
        Map<String, Map<Character, BigDecimal>> indexLimits = new HashMap<>();
        jdbc.sql("select test_code, index_kind, max_value from results.serum_index_limit")
                .query((rs, n) -> indexLimits.computeIfAbsent(rs.getString(1), t -> new HashMap<>())
                        .put(rs.getString(2).charAt(0), rs.getBigDecimal(3))).list();
        Map<String, Character> indexTests = new HashMap<>();
        jdbc.sql("select test_code, index_kind from results.serum_index_test")
                .query((rs, n) -> indexTests.put(rs.getString(1), rs.getString(2).charAt(0))).list();
        List<Lot> lots = jdbc.sql("""
                select id, lot_number, analyzer, isi, mnpt_seconds, effective_from, effective_to
                from results.thromboplastin_lot""")
                .query((rs, n) -> new Lot(new CalculationInputs.Thromboplastin(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)), rs.getString(3),
                        rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7))))
                .list();
        return new RuleTables(calculationsFromDatabase(), Map.copyOf(deltas), Map.copyOf(allTestLimits()),
                Map.copyOf(scopes), Map.copyOf(indexLimits), Map.copyOf(indexTests), List.copyOf(lots));
    }

    List<CalculationSetting> enabledCalculations() {
        return tables().calculations();
    }

    private List<CalculationSetting> calculationsFromDatabase() {
        return jdbc.sql("select calculator, output_test, add_when_computable from results.calculation where enabled"
                        + " order by calculator")
                .query((rs, n) -> new CalculationSetting(Calculator.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getBoolean(3)))
                .list();
    }

    /** The serum index limits of a test, by index kind (H, I, L). */
    Map<Character, BigDecimal> indexLimits(String testCode) {
        return tables().indexLimits().getOrDefault(testCode, Map.of());
    }

    /** Which catalog test carries which serum index. */
    Map<String, Character> indexTests() {
        return tables().indexTests();
    }

    /** The lot in effect at the time for the analyzer, an analyzer's own lot before one for any analyzer. */
    Optional<CalculationInputs.Thromboplastin> thromboplastin(String analyzer, Instant at) {
        return tables().lots().stream().filter(l -> l.inEffect(analyzer, at))
                .min(Comparator.comparing((Lot l) -> l.analyzer() == null)
                        .thenComparing(Lot::from, Comparator.reverseOrder())
                        .thenComparing(l -> l.thromboplastin().id(), Comparator.reverseOrder()))
                .map(Lot::thromboplastin);
    }

    Optional<DeltaRule> deltaRule(String testCode) {
        return Optional.ofNullable(tables().deltaRules().get(testCode));
    }

    List<DeltaRule> deltaRules() {
        return deltaRulesFromDatabase();
    }

    private List<DeltaRule> deltaRulesFromDatabase() {
        return jdbc.sql("select test_code, method, limit_value, window_hours from results.delta_rule order by test_code")
                .query((rs, n) -> new DeltaRule(rs.getString(1), DeltaRule.Method.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3), rs.getInt(4)))
                .list();
    }

    /** A delta question: the patient's latest released result of the test collected by then, other than this one. */
    record PreviousQuery(long resultId, long patientId, String testCode, Instant collectedBy) {
    }

    /** The answers to many delta questions in one statement, by result id (no entry: no previous result). */
    Map<Long, Previous> previousReleased(List<PreviousQuery> queries) {
        if (queries.isEmpty()) {
            return Map.of();
        }
        Map<Long, Previous> previous = new HashMap<>();
        jdbc.sql("""
                select k.result_id, p.id, p.value_text, p.comparator, p.numeric_value, p.unit, p.collected_at
                from unnest(?::bigint[], ?::bigint[], ?::text[], ?::text[])
                    as k(result_id, patient_id, test_code, collected_by)
                cross join lateral (
                    select r.id, r.value_text, r.comparator, r.numeric_value, r.unit, r.collected_at
                    from results.result r
                    where r.patient_id = k.patient_id and r.test_code = k.test_code and r.id <> k.result_id
                      and r.status in ('FINAL', 'CORRECTED') and r.collected_at <= k.collected_by::timestamptz
                    order by r.collected_at desc, r.id desc limit 1) p""")
                .params(queries.stream().map(PreviousQuery::resultId).toArray(Long[]::new),
                        queries.stream().map(PreviousQuery::patientId).toArray(Long[]::new),
                        queries.stream().map(PreviousQuery::testCode).toArray(String[]::new),
                        queries.stream().map(q -> q.collectedBy().toString()).toArray(String[]::new))
                .query(rs -> {
                    previous.put(rs.getLong(1), new Previous(rs.getLong(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getString(6), rs.getTimestamp(7).toInstant()));
                });
        return previous;
    }

    void saveDelta(long resultId, DeltaRule.Outcome outcome, Previous previous) {
        jdbc.sql("""
                update results.result set delta_text = ?, delta_failed = ?, delta_previous_value = ?,
                    delta_previous_at = ? where id = ?""")
                .params(outcome == null ? null : outcome.text(), outcome == null ? null : outcome.failed(),
                        previous == null ? null : previous.valueText(),
                        previous == null ? null : Timestamp.from(previous.collectedAt()), resultId)
                .update();
    }

    private static final String LIMIT_COLUMNS = "test_code, low, high, stability_hours, amr_low, amr_high,"
            + " possible_low, possible_high";

    Optional<TestLimits> testLimits(String testCode) {
        return Optional.ofNullable(tables().limits().get(testCode));
    }

    java.util.Map<String, TestLimits> allTestLimits() {
        return jdbc.sql("select " + LIMIT_COLUMNS + " from results.autoverification_test")
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), limits(rs)))
                .list().stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey,
                        java.util.Map.Entry::getValue));
    }

    private static TestLimits limits(java.sql.ResultSet rs) throws java.sql.SQLException {
        int stability = rs.getInt(4);
        Integer stabilityOrNull = rs.wasNull() ? null : stability;
        return new TestLimits(rs.getBigDecimal(2), rs.getBigDecimal(3), stabilityOrNull, rs.getBigDecimal(5),
                rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8));
    }

    /** On when the test's own row says so, else its section's row; no row means off. */
    boolean autoverificationOn(String section, String testCode) {
        Map<String, Boolean> scopes = tables().scopes();
        Boolean test = scopes.get("TEST:" + testCode);
        return test != null ? test : scopes.getOrDefault("SECTION:" + section, false);
    }

    /** The outcome of each rule at one evaluation of one version of a result. */
    record Evaluation(long resultId, int version, List<AutoverificationRules.Outcome> outcomes) {
    }

    /** Of these results, those whose evaluation of their current version failed the named rule and no other. */
    java.util.Set<Long> heldOnlyBy(List<LabResult> results, String rule) {
        if (results.isEmpty()) {
            return java.util.Set.of();
        }
        return new java.util.HashSet<>(jdbc.sql("""
                select e.result_id from results.rule_evaluation e
                join unnest(?::bigint[], ?::int[]) as c(id, version)
                    on e.result_id = c.id and e.result_version = c.version
                where array_position(e.passed, false) is not null
                  and (select count(*) filter (where not x.passed) = 1
                              and bool_or(not x.passed and x.rule = ?)
                       from unnest(e.rules, e.passed) as x(rule, passed))""")
                .params(results.stream().map(LabResult::id).toArray(Long[]::new),
                        results.stream().map(LabResult::version).toArray(Integer[]::new), rule)
                .query(Long.class).list());
    }

    /**
     * Stores evaluations, replacing an earlier one of the same result version: one row per evaluation with the
     * rules in order, sent as one JDBC batch.
     */
    void saveOutcomes(List<Evaluation> evaluations, String ruleSet, Instant at) {
        if (evaluations.isEmpty()) {
            return;
        }
        Timestamp evaluatedAt = Timestamp.from(at);
        batch.batchUpdate("""
                insert into results.rule_evaluation (result_id, result_version, rule_set, evaluated_at, rules, passed,
                    details) values (?, ?, ?, ?, ?, ?, ?)
                on conflict (result_id, result_version) do update set rule_set = excluded.rule_set,
                    evaluated_at = excluded.evaluated_at, rules = excluded.rules, passed = excluded.passed,
                    details = excluded.details""", evaluations.stream().map(e -> new Object[] {e.resultId(),
                        e.version(), ruleSet, evaluatedAt,
                        e.outcomes().stream().map(AutoverificationRules.Outcome::rule).toArray(String[]::new),
                        e.outcomes().stream().map(AutoverificationRules.Outcome::passed).toArray(Boolean[]::new),
                        e.outcomes().stream().map(AutoverificationRules.Outcome::detail).toArray(String[]::new)})
                .toList());
    }

    /**
     * The delta check and autoverification decision of a judged result; {@code clearFirstVerification} also
     * clears a first verification given to an earlier value.
     */
    record CheckRow(long resultId, DeltaRule.Outcome delta, Previous previous, String decision, String heldReasons,
                    boolean clearFirstVerification) {
    }

    /** The checks of judged results, in one statement (the rows passed as parallel arrays). */
    void saveChecks(List<CheckRow> checks) {
        if (checks.isEmpty()) {
            return;
        }
        jdbc.sql("""
                update results.result t set delta_text = c.delta_text, delta_failed = c.delta_failed,
                    delta_previous_value = c.previous_value, delta_previous_at = c.previous_at,
                    autoverification = c.decision, held_reasons = c.held_reasons,
                    first_verified_at = case when c.clear_first then null else t.first_verified_at end,
                    first_verified_by = case when c.clear_first then null else t.first_verified_by end
                from unnest(?::bigint[], ?::text[], ?::boolean[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                            ?::boolean[])
                    as c(id, delta_text, delta_failed, previous_value, previous_at, decision, held_reasons, clear_first)
                where t.id = c.id""")
                .params(checks.stream().map(CheckRow::resultId).toArray(Long[]::new),
                        checks.stream().map(c -> c.delta() == null ? null : c.delta().text()).toArray(String[]::new),
                        checks.stream().map(c -> c.delta() == null ? null : c.delta().failed())
                                .toArray(Boolean[]::new),
                        checks.stream().map(c -> c.previous() == null ? null : c.previous().valueText())
                                .toArray(String[]::new),
                        checks.stream().map(c -> c.previous() == null ? null : c.previous().collectedAt().toString())
                                .toArray(String[]::new),
                        checks.stream().map(CheckRow::decision).toArray(String[]::new),
                        checks.stream().map(CheckRow::heldReasons).toArray(String[]::new),
                        checks.stream().map(CheckRow::clearFirstVerification).toArray(Boolean[]::new))
                .update();
    }

    /**
     * The checks stored with a result: delta (and the previous value compared), the autoverification decision, the
     * first of two verifications where the section asks for a second, and the latest rerun/dilution request.
     */
    record Checks(long resultId, String deltaText, Boolean deltaFailed, String deltaPreviousValue,
                  Instant deltaPreviousAt, String autoverification, String heldReasons, String firstVerifiedBy,
                  Instant firstVerifiedAt, String rerunRequest, String rerunRequestedBy, Instant rerunRequestedAt) {
    }

    java.util.Map<Long, Checks> checks(java.util.Collection<Long> resultIds) {
        if (resultIds.isEmpty()) {
            return java.util.Map.of();
        }
        return jdbc.sql("""
                select id, delta_text, delta_failed, delta_previous_value, delta_previous_at, autoverification,
                    held_reasons, first_verified_by, first_verified_at, rerun_request, rerun_requested_by,
                    rerun_requested_at from results.result where id in (:ids)""")
                .param("ids", resultIds)
                .query((rs, n) -> new Checks(rs.getLong(1), rs.getString(2), (Boolean) rs.getObject(3),
                        rs.getString(4), instant(rs.getTimestamp(5)), rs.getString(6), rs.getString(7),
                        rs.getString(8), instant(rs.getTimestamp(9)), rs.getString(10), rs.getString(11),
                        instant(rs.getTimestamp(12))))
                .list().stream().collect(java.util.stream.Collectors.toMap(Checks::resultId, c -> c));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** The rule outcomes of the latest evaluation of a result, in rule order. */
    List<RecordedOutcome> outcomes(long resultId) {
        return jdbc.sql("""
                select e.result_version, o.position, e.rule_set, o.rule, o.passed, o.detail, e.evaluated_at
                from (select * from results.rule_evaluation where result_id = ?
                      order by result_version desc limit 1) e
                cross join lateral unnest(e.rules, e.passed, e.details) with ordinality as o(rule, passed, detail,
                    position)
                order by o.position""")
                .param(resultId)
                .query((rs, n) -> new RecordedOutcome(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    record RecordedOutcome(int resultVersion, int position, String ruleSet, String rule, boolean passed,
                           String detail, Instant evaluatedAt) {
    }
}
