package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs the autoverification rule set over the results of the last N days, as if it had been on, before a lab
 * switches it on (CLSI AUTO10 validation): how many would have released, and which rules would have held the rest.
 * Reads in pages of 1,000 by id with each result's previous released value joined in, so no per-result queries.
 * Not replayed: analyzer flags (not stored with results), serum indices and the calculation-inputs consistency rule.
 */
@Service
class RuleSimulator {

    private static final int BATCH = 1000;

    /** The rate and the reasons: held counts by every failing rule and by the first failing rule. */
    record Simulation(int days, String section, long evaluated, long wouldRelease, Map<String, Long> heldByRule,
                      Map<String, Long> heldFirstByRule) {

        public long held() {
            return evaluated - wouldRelease;
        }

        public String releaseRate() {
            return evaluated == 0 ? "–" : BigDecimal.valueOf(wouldRelease * 100.0 / evaluated)
                    .setScale(1, java.math.RoundingMode.HALF_UP) + " %";
        }
    }

    private final JdbcClient jdbc;
    private final IntelligenceRepository rules;
    private final QcVerdicts qc;
    private final Clock clock;

    RuleSimulator(JdbcClient jdbc, IntelligenceRepository rules, QcVerdicts qc, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.qc = qc;
        this.clock = clock;
    }

    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    @Transactional(readOnly = true)
    Simulation simulate(int days, String section) {
        if (days < 1 || days > 90) {
            throw new InvalidInputException("days", "Simulate over 1 to 90 days");
        }
        String sectionOrNull = section == null || section.isBlank() ? null : section.strip();
        Instant since = clock.instant().minus(Duration.ofDays(days));
        Map<String, DeltaRule> deltaRules = rules.deltaRules().stream()
                .collect(Collectors.toMap(DeltaRule::testCode, Function.identity()));
        Map<String, IntelligenceRepository.TestLimits> limits = rules.allTestLimits();
        Map<String, Long> byRule = new LinkedHashMap<>();
        Map<String, Long> firstByRule = new LinkedHashMap<>();
        AutoverificationRules.DEFAULT.forEach(r -> {
            byRule.put(r.name(), 0L);
            firstByRule.put(r.name(), 0L);
        });
        long evaluated = 0;
        long released = 0;
        long after = 0;
        while (true) {
            List<Row> batch = batch(since, sectionOrNull, after);
            for (Row row : batch) {
                List<AutoverificationRules.Outcome> outcomes = AutoverificationRules.evaluate(input(row, deltaRules,
                        limits));
                evaluated++;
                if (AutoverificationRules.release(outcomes)) {
                    released++;
                    continue;
                }
                boolean first = true;
                for (AutoverificationRules.Outcome o : outcomes) {
                    if (!o.passed()) {
                        byRule.merge(o.rule(), 1L, Long::sum);
                        if (first) {
                            firstByRule.merge(o.rule(), 1L, Long::sum);
                            first = false;
                        }
                    }
                }
            }
            if (batch.size() < BATCH) {
                break;
            }
            after = batch.get(batch.size() - 1).row().result().id();
        }
        return new Simulation(days, sectionOrNull, evaluated, released, byRule, firstByRule);
    }

    private AutoverificationRules.Input input(Row row, Map<String, DeltaRule> deltaRules,
                                              Map<String, IntelligenceRepository.TestLimits> limits) {
        LabResult r = row.row().result();
        DeltaRule rule = deltaRules.get(r.testCode());
        DeltaRule.Outcome delta = null;
        Instant collected = r.collectedAt() != null ? r.collectedAt() : r.receivedAt();
        if (rule != null && r.numericValue() != null) {
            delta = rule.check(ResultIntelligence.analyte(r.testName()),
                    new DeltaRule.Point(r.numericValue(), r.comparator(), r.unit(), collected), row.previous());
        }
        IntelligenceRepository.TestLimits l = limits.get(r.testCode());
        Instant judgedAt = r.resultedAt() != null ? r.resultedAt() : clock.instant();
        AnalyteQcStatus.Verdict verdict = qc.of(r, judgedAt);
        return new AutoverificationRules.Input(r, row.row().resultType(), null, verdict,
                AutoverificationRules.Limits.of(l == null ? null : l.low(), l == null ? null : l.high(),
                        r.referenceLow(), r.referenceHigh()),
                delta, r.collectedAt() == null ? null : Duration.between(r.collectedAt(), judgedAt),
                l == null ? null : l.stabilityHours(), null, l == null ? null : l.measuringRange());
    }

    private record Row(ResultRepository.Row row, DeltaRule.Point previous) {
    }

    private List<Row> batch(Instant since, String section, long afterId) {
        return jdbc.sql("""
                select r.*, p.numeric_value as prev_number, p.comparator as prev_comparator, p.unit as prev_unit,
                    p.collected_at as prev_collected
                from results.result r
                left join lateral (
                    select q.numeric_value, q.comparator, q.unit, q.collected_at from results.result q
                    where q.patient_id = r.patient_id and q.test_code = r.test_code and q.id <> r.id
                      and q.status in ('FINAL', 'CORRECTED') and q.collected_at <= coalesce(r.collected_at, r.received_at)
                    order by q.collected_at desc, q.id desc limit 1) p on true
                where r.status in ('PRELIMINARY', 'FINAL', 'CORRECTED') and r.resulted_at >= :since
                  and (cast(:section as text) is null or r.section = :section) and r.id > :after
                order by r.id limit :size""")
                .param("since", Timestamp.from(since)).param("section", section).param("after", afterId)
                .param("size", BATCH)
                .query((rs, n) -> {
                    Timestamp prevAt = rs.getTimestamp("prev_collected");
                    DeltaRule.Point previous = prevAt == null ? null : new DeltaRule.Point(
                            rs.getBigDecimal("prev_number"), rs.getString("prev_comparator"), rs.getString("prev_unit"),
                            prevAt.toInstant());
                    return new Row(ResultRepository.row(rs, n), previous);
                })
                .list();
    }
}
