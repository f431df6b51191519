package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rule tables and decisions of result intelligence: calculations, delta rules, autoverification outcomes. */
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

    private final JdbcClient jdbc;

    IntelligenceRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<CalculationSetting> enabledCalculations() {
        return jdbc.sql("select calculator, output_test, add_when_computable from results.calculation where enabled"
                        + " order by calculator")
                .query((rs, n) -> new CalculationSetting(Calculator.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getBoolean(3)))
                .list();
    }

    /** The serum index limits of a test, by index kind (H, I, L). */
    java.util.Map<Character, BigDecimal> indexLimits(String testCode) {
        var map = new java.util.HashMap<Character, BigDecimal>();
        jdbc.sql("select index_kind, max_value from results.serum_index_limit where test_code = ?").param(testCode)
                .query((rs, n) -> map.put(rs.getString(1).charAt(0), rs.getBigDecimal(2))).list();
        return map;
    }

    /** Which catalog test carries which serum index. */
    java.util.Map<String, Character> indexTests() {
        var map = new java.util.HashMap<String, Character>();
        jdbc.sql("select test_code, index_kind from results.serum_index_test")
                .query((rs, n) -> map.put(rs.getString(1), rs.getString(2).charAt(0))).list();
        return map;
    }

    /** The lot in effect at the time for the analyzer, an analyzer's own lot before one for any analyzer. */
    Optional<CalculationInputs.Thromboplastin> thromboplastin(String analyzer, Instant at) {
        return jdbc.sql("""
                select id, lot_number, analyzer, isi, mnpt_seconds from results.thromboplastin_lot
                where (analyzer = :analyzer or analyzer is null) and effective_from <= :at
                  and (effective_to is null or effective_to > :at)
                order by analyzer nulls last, effective_from desc limit 1""")
                .param("analyzer", analyzer).param("at", Timestamp.from(at))
                .query((rs, n) -> new CalculationInputs.Thromboplastin(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)))
                .optional();
    }

    Optional<DeltaRule> deltaRule(String testCode) {
        return jdbc.sql("select test_code, method, limit_value, window_hours from results.delta_rule where test_code = ?")
                .param(testCode)
                .query((rs, n) -> new DeltaRule(rs.getString(1), DeltaRule.Method.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3), rs.getInt(4)))
                .optional();
    }

    List<DeltaRule> deltaRules() {
        return jdbc.sql("select test_code, method, limit_value, window_hours from results.delta_rule order by test_code")
                .query((rs, n) -> new DeltaRule(rs.getString(1), DeltaRule.Method.valueOf(rs.getString(2)),
                        rs.getBigDecimal(3), rs.getInt(4)))
                .list();
    }

    /** The patient's latest released result of the test collected at or before the given time (by collection). */
    Optional<Previous> previousReleased(long patientId, String testCode, long excludingId, Instant collectedBy) {
        return jdbc.sql("""
                select id, value_text, comparator, numeric_value, unit, collected_at from results.result
                where patient_id = ? and test_code = ? and id <> ? and status in ('FINAL', 'CORRECTED')
                  and collected_at <= ?
                order by collected_at desc, id desc limit 1""")
                .params(patientId, testCode, excludingId, Timestamp.from(collectedBy))
                .query((rs, n) -> new Previous(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getString(5), rs.getTimestamp(6).toInstant()))
                .optional();
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
        return jdbc.sql("select " + LIMIT_COLUMNS + " from results.autoverification_test where test_code = ?")
                .param(testCode)
                .query((rs, n) -> limits(rs))
                .optional();
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
        return jdbc.sql("""
                select enabled from results.autoverification_scope
                where (scope_type = 'TEST' and code = :test) or (scope_type = 'SECTION' and code = :section)
                order by case scope_type when 'TEST' then 0 else 1 end limit 1""")
                .param("test", testCode).param("section", section)
                .query(Boolean.class).optional().orElse(false);
    }

    void saveOutcomes(long resultId, int version, String ruleSet, List<AutoverificationRules.Outcome> outcomes,
                      Instant at) {
        jdbc.sql("delete from results.rule_outcome where result_id = ? and result_version = ?")
                .params(resultId, version).update();
        for (int i = 0; i < outcomes.size(); i++) {
            AutoverificationRules.Outcome o = outcomes.get(i);
            jdbc.sql("""
                    insert into results.rule_outcome (result_id, result_version, position, rule_set, rule, passed,
                        detail, evaluated_at) values (?,?,?,?,?,?,?,?)""")
                    .params(resultId, version, i + 1, ruleSet, o.rule(), o.passed(), o.detail(), Timestamp.from(at))
                    .update();
        }
    }

    void saveAutoverification(long resultId, String decision, String heldReasons) {
        jdbc.sql("update results.result set autoverification = ?, held_reasons = ? where id = ?")
                .params(decision, heldReasons, resultId).update();
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
                select result_version, position, rule_set, rule, passed, detail, evaluated_at from results.rule_outcome
                where result_id = ? and result_version = (select max(result_version) from results.rule_outcome
                                                          where result_id = ?)
                order by position""")
                .params(resultId, resultId)
                .query((rs, n) -> new RecordedOutcome(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getBoolean(5), rs.getString(6), rs.getTimestamp(7).toInstant()))
                .list();
    }

    record RecordedOutcome(int resultVersion, int position, String ruleSet, String rule, boolean passed,
                           String detail, Instant evaluatedAt) {
    }
}
