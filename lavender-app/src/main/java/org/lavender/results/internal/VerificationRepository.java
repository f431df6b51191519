package org.lavender.results.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.lavender.results.LabResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Second verification, rerun requests and coded comments (results.section_policy, results.comment_code). */
@Repository
class VerificationRepository {

    /** A coded comment a technologist picks. */
    record CommentCode(String code, String text) {
    }

    /** One section's verification policy, and who set it. */
    record Policy(String section, boolean secondVerification, Instant updatedAt, String updatedBy) {
    }

    private final JdbcClient jdbc;

    VerificationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean secondVerification(String section) {
        return jdbc.sql("select second_verification from results.section_policy where section = ?").param(section)
                .query(Boolean.class).optional().orElse(false);
    }

    List<Policy> policies() {
        return jdbc.sql("select section, second_verification, updated_at, updated_by from results.section_policy"
                        + " order by section")
                .query((rs, n) -> new Policy(rs.getString(1), rs.getBoolean(2), rs.getTimestamp(3).toInstant(),
                        rs.getString(4)))
                .list();
    }

    void setPolicy(String section, boolean second, Instant at, String by) {
        jdbc.sql("""
                insert into results.section_policy (section, second_verification, updated_at, updated_by)
                values (?,?,?,?) on conflict (section) do update set second_verification = excluded.second_verification,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(section, second, Timestamp.from(at), by).update();
    }

    /**
     * A result about to be verified: its row, whether its section asks for a second verification, who gave the
     * first (technical) verification, if anyone, and whether a calculated result of its tube waits for verification
     * (and may be held only until this input is released).
     */
    record Candidate(ResultRepository.Row row, boolean secondVerification, String firstVerifiedBy,
                     boolean calculationWaiting) {

        LabResult result() {
            return row.result();
        }
    }

    /**
     * The results to verify, locked, with their sections' policies and first verifiers, in one statement; locked in
     * id order, so two verifiers of overlapping selections queue rather than deadlock. Missing ids are left out.
     */
    List<Candidate> lockForVerification(Collection<Long> resultIds) {
        return jdbc.sql("""
                select %s, first_verified_by,
                    coalesce((select p.second_verification from results.section_policy p where p.section = r.section),
                             false) as second_verification,
                    exists (select 1 from results.result c
                            where c.specimen_id = r.specimen_id and c.id <> r.id and c.status = 'PRELIMINARY'
                              and exists (select 1 from results.calculation k
                                          where k.enabled and k.output_test in (c.loinc, c.test_code)))
                        as calculation_waiting
                from results.result r where r.id = any(?) order by r.id for update of r"""
                .formatted(ResultRepository.COLUMNS))
                .param(resultIds.toArray(Long[]::new))
                .query((rs, n) -> new Candidate(ResultRepository.row(rs, n), rs.getBoolean("second_verification"),
                        rs.getString("first_verified_by"), rs.getBoolean("calculation_waiting")))
                .list();
    }

    void setFirstVerification(long resultId, Instant at, String by) {
        setFirstVerifications(List.of(resultId), at, by);
    }

    void setFirstVerifications(Collection<Long> resultIds, Instant at, String by) {
        if (resultIds.isEmpty()) {
            return;
        }
        jdbc.sql("update results.result set first_verified_at = ?, first_verified_by = ? where id = any(?)")
                .params(Timestamp.from(at), by, resultIds.toArray(Long[]::new)).update();
    }

    void clearFirstVerification(long resultId) {
        jdbc.sql("update results.result set first_verified_at = null, first_verified_by = null"
                        + " where id = ? and first_verified_by is not null")
                .param(resultId).update();
    }

    /**
     * The value goes back to the bench: the result is pending again with its value, flags, checks and first
     * verification cleared (the caller keeps the value as a revision) and the request recorded.
     */
    void returnToBench(long resultId, String request, Instant at, String by) {
        jdbc.sql("""
                update results.result set status = 'PENDING', value_text = null, comparator = null,
                    numeric_value = null, interpretation = null, comment = null, verified_at = null,
                    verified_by = null, first_verified_at = null, first_verified_by = null, delta_text = null,
                    delta_failed = null, delta_previous_value = null, delta_previous_at = null,
                    autoverification = null, held_reasons = null, rerun_request = ?, rerun_requested_at = ?,
                    rerun_requested_by = ?, version = version + 1
                where id = ?""")
                .params(request, Timestamp.from(at), by, resultId).update();
    }

    List<CommentCode> activeComments() {
        return jdbc.sql("select code, text from results.comment_code where active order by code")
                .query((rs, n) -> new CommentCode(rs.getString(1), rs.getString(2))).list();
    }

    Optional<CommentCode> comment(String code) {
        return jdbc.sql("select code, text from results.comment_code where code = ? and active").param(code)
                .query((rs, n) -> new CommentCode(rs.getString(1), rs.getString(2))).optional();
    }

    /** Result ids waiting for verification in a section that an analyzer sent (one analyzer run), oldest first. */
    List<Long> preliminaryFromAnalyzer(String section, String analyzer, int limit) {
        return jdbc.sql("""
                select r.id from results.open_result o join results.result r on r.id = o.result_id
                where o.status = 'PRELIMINARY' and o.section = ? and r.resulted_by = ?
                order by r.resulted_at, r.id limit ?""")
                .params(section, "analyzer:" + analyzer, limit).query(Long.class).list();
    }

    /** Analyzers with results waiting for verification in a section. */
    List<String> analyzersWaiting(String section) {
        return jdbc.sql("""
                select distinct substr(r.resulted_by, 10)
                from results.open_result o join results.result r on r.id = o.result_id
                where o.status = 'PRELIMINARY' and o.section = ? and r.resulted_by like 'analyzer:%' order by 1""")
                .param(section).query(String.class).list();
    }
}
