package org.lavender.results.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lavender.shared.Interpretation;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Reflex rules and what they did (tables results.reflex_rule and results.reflex_event).
 *
 * <p>Every released or corrected result asks for its test's enabled rules, which change rarely: they are answered
 * from a snapshot of the enabled rules, read in one statement, as the other rule tables are
 * ({@link IntelligenceRepository}). Adding or switching a rule drops the snapshot after its commit, so this node
 * applies the change at once; another node against the same database when its snapshot expires
 * ({@link RuleSnapshot#TTL_NANOS}, 30 s).
 */
@Repository
class ReflexRepository {

    /** A rule with who last changed it. */
    record StoredRule(ReflexRule rule, Instant updatedAt, String updatedBy) {
    }

    /** One reflex decision for a result: added, already ordered, or not added (with why). */
    record Event(long resultId, String reflexTest, long ruleId, String triggerValue, String outcome, String detail,
                 Long orderItemId, Instant firedAt, String firedBy) {
    }

    private static final String RULE_COLUMNS = "id, test_code, condition, comparator, threshold, flags, answer,"
            + " reflex_test, note, enabled, updated_at, updated_by";

    private final JdbcClient jdbc;
    /** The enabled rules by trigger test. */
    private final RuleSnapshot<Map<String, List<ReflexRule>>> enabledRules = new RuleSnapshot<>(this::loadEnabled);

    ReflexRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<StoredRule> all() {
        return jdbc.sql("select " + RULE_COLUMNS + " from results.reflex_rule order by test_code, id")
                .query(ReflexRepository::rule).list();
    }

    /** The enabled rules of a test, in id order, from the snapshot. */
    List<ReflexRule> enabledFor(String testCode) {
        return enabledRules.get().getOrDefault(testCode, List.of());
    }

    private Map<String, List<ReflexRule>> loadEnabled() {
        Map<String, List<ReflexRule>> byTest = new HashMap<>();
        jdbc.sql("select " + RULE_COLUMNS + " from results.reflex_rule where enabled order by id")
                .query(ReflexRepository::rule).list()
                .forEach(r -> byTest.computeIfAbsent(r.rule().testCode(), t -> new ArrayList<>()).add(r.rule()));
        byTest.replaceAll((test, rules) -> List.copyOf(rules));
        return Map.copyOf(byTest);
    }

    Optional<StoredRule> lock(long id) {
        return jdbc.sql("select " + RULE_COLUMNS + " from results.reflex_rule where id = ? for update")
                .param(id).query(ReflexRepository::rule).optional();
    }

    long insert(ReflexRule r, Instant at, String by) {
        enabledRules.changed();
        return jdbc.sql("""
                insert into results.reflex_rule (test_code, condition, comparator, threshold, flags, answer,
                    reflex_test, note, enabled, updated_at, updated_by)
                values (?,?,?,?,?,?,?,?,true,?,?) returning id""")
                .params(r.testCode(), r.condition().name(), r.comparator(), r.threshold(),
                        r.flags().isEmpty() ? null : r.flagText(), r.answer(), r.reflexTest(), r.note(),
                        Timestamp.from(at), by)
                .query(Long.class).single();
    }

    void setEnabled(long id, boolean enabled, Instant at, String by) {
        enabledRules.changed();
        jdbc.sql("update results.reflex_rule set enabled = ?, updated_at = ?, updated_by = ? where id = ?")
                .params(enabled, Timestamp.from(at), by, id).update();
    }

    /** True when the rule set already has an enabled rule with the same condition and reflex test (read afresh). */
    boolean enabledDuplicate(ReflexRule r) {
        return jdbc.sql("select " + RULE_COLUMNS + " from results.reflex_rule where test_code = ? and enabled")
                .param(r.testCode()).query(ReflexRepository::rule).list().stream().map(StoredRule::rule)
                .anyMatch(o -> o.reflexTest().equals(r.reflexTest()) && o.describe().equals(r.describe()));
    }

    /** Records a decision unless one exists for the result and test; false when it existed (never twice). */
    boolean record(Event e) {
        return jdbc.sql("""
                insert into results.reflex_event (result_id, reflex_test, rule_id, trigger_value, outcome, detail,
                    order_item_id, fired_at, fired_by) values (?,?,?,?,?,?,?,?,?)
                on conflict (result_id, reflex_test) do nothing""")
                .params(e.resultId(), e.reflexTest(), e.ruleId(), e.triggerValue(), e.outcome(), e.detail(),
                        e.orderItemId(), Timestamp.from(e.firedAt()), e.firedBy())
                .update() == 1;
    }

    boolean exists(long resultId, String reflexTest) {
        return jdbc.sql("select count(*) from results.reflex_event where result_id = ? and reflex_test = ?")
                .params(resultId, reflexTest).query(Integer.class).single() > 0;
    }

    List<Event> forResult(long resultId) {
        return jdbc.sql("""
                select result_id, reflex_test, rule_id, trigger_value, outcome, detail, order_item_id, fired_at,
                    fired_by from results.reflex_event where result_id = ? order by fired_at, reflex_test""")
                .param(resultId)
                .query((rs, n) -> {
                    long item = rs.getLong(7);
                    return new Event(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.wasNull() ? null : item, rs.getTimestamp(8).toInstant(),
                            rs.getString(9));
                })
                .list();
    }

    private static StoredRule rule(ResultSet rs, int n) throws SQLException {
        String flags = rs.getString("flags");
        Set<Interpretation> set = EnumSet.noneOf(Interpretation.class);
        if (flags != null) {
            Arrays.stream(flags.split(" ")).map(Interpretation::valueOf).forEach(set::add);
        }
        ReflexRule rule = new ReflexRule(rs.getLong("id"), rs.getString("test_code"),
                ReflexRule.Condition.valueOf(rs.getString("condition")), rs.getString("comparator"),
                rs.getBigDecimal("threshold"), set, rs.getString("answer"), rs.getString("reflex_test"),
                rs.getString("note"), rs.getBoolean("enabled"));
        return new StoredRule(rule, rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
