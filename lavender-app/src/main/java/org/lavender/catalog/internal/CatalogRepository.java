package org.lavender.catalog.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.Section;
import org.lavender.catalog.TestDefinition;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** SQL for the catalog schema. */
@Repository
class CatalogRepository {

    private static final String TEST_COLUMNS = "id, code, loinc, name, section_code, result_type, unit, decimals,"
            + " specimen_type, container_code, answers, abnormal_answers, calculated, orderable, active, version";
    private static final String BAND_COLUMNS = "id, test_id, sex, age_from_days, age_to_days, low, high,"
            + " critical_low, critical_high, critical_inclusive, unit, effective_from, effective_to, superseded_by,"
            + " created_by, reason, ended_by, end_reason, analyzer";

    private final JdbcClient jdbc;

    CatalogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole catalog, read in one repeatable-read transaction so tests, panels and intervals agree. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public CatalogSnapshot loadSnapshot() {
        List<TestRow> tests = jdbc.sql("select " + TEST_COLUMNS + " from catalog.test order by code")
                .query(CatalogRepository::testRow).list();
        Map<Long, TestDefinition> byId = new LinkedHashMap<>();
        tests.forEach(t -> byId.put(t.id(), t.definition()));
        record Member(long panelId, long testId) {
        }
        Map<Long, List<TestDefinition>> members = new LinkedHashMap<>();
        jdbc.sql("select panel_id, test_id from catalog.panel_member order by panel_id, position")
                .query((rs, n) -> new Member(rs.getLong(1), rs.getLong(2))).list()
                .forEach(m -> {
                    TestDefinition t = byId.get(m.testId());
                    if (t.active()) {
                        members.computeIfAbsent(m.panelId(), k -> new ArrayList<>()).add(t);
                    }
                });
        List<Orderable> panels = jdbc.sql("select id, code, loinc, name from catalog.panel where active")
                .query((rs, n) -> new Orderable(rs.getString("code"), rs.getString("loinc"), rs.getString("name"),
                        true, List.copyOf(members.getOrDefault(rs.getLong("id"), List.of()))))
                .list();
        List<ContainerType> containers = jdbc.sql("select code, name, cap_colour, colour_hex, additive,"
                        + " draw_volume_ml, specimen_type, draw_order from catalog.container_type")
                .query((rs, n) -> new ContainerType(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getBigDecimal(6), rs.getString(7), rs.getInt(8)))
                .list();
        List<Section> sections = jdbc.sql("select code, name, self_verification_allowed from catalog.section"
                        + " order by sort_order")
                .query((rs, n) -> new Section(rs.getString(1), rs.getString(2), rs.getBoolean(3))).list();
        List<IntervalBand> bands = jdbc.sql("select " + BAND_COLUMNS + " from catalog.reference_interval order by id")
                .query(CatalogRepository::band).list();
        return CatalogSnapshot.of(tests, panels, containers, sections, bands);
    }

    /** The test row, locked for the rest of the transaction so concurrent edits of one test queue up. */
    Optional<TestRow> lockTest(String code) {
        return jdbc.sql("select " + TEST_COLUMNS + " from catalog.test where code = ? for update").param(code)
                .query(CatalogRepository::testRow).optional();
    }

    boolean containerExists(String code) {
        return jdbc.sql("select count(*) from catalog.container_type where code = ?").param(code)
                .query(Long.class).single() > 0;
    }

    void insertTest(String code, String loinc, String name, String section, ResultType type, String unit,
                    Integer decimals, String specimenType, String containerCode, List<String> answers,
                    List<String> abnormalAnswers) {
        jdbc.sql("insert into catalog.test (code, loinc, name, section_code, result_type, unit, decimals,"
                        + " specimen_type, container_code, answers, abnormal_answers) values (?,?,?,?,?,?,?,?,?,?,?)")
                .params(code, loinc, name, section, type.name(), unit, decimals, specimenType, containerCode,
                        answers.toArray(String[]::new), abnormalAnswers.toArray(String[]::new))
                .update();
    }

    void updateTest(long id, int expectedVersion, String name, String unit, Integer decimals, String specimenType,
                    String containerCode, List<String> answers, List<String> abnormalAnswers, boolean active) {
        int updated = jdbc.sql("update catalog.test set name = ?, unit = ?, decimals = ?, specimen_type = ?,"
                        + " container_code = ?, answers = ?, abnormal_answers = ?, active = ?, version = version + 1"
                        + " where id = ? and version = ?")
                .params(name, unit, decimals, specimenType, containerCode, answers.toArray(String[]::new),
                        abnormalAnswers.toArray(String[]::new), active, id, expectedVersion)
                .update();
        if (updated != 1) {
            throw new IllegalStateException("test " + id + " changed while locked");
        }
    }

    List<IntervalBand> bands(long testId) {
        return jdbc.sql("select " + BAND_COLUMNS + " from catalog.reference_interval where test_id = ?"
                        + " order by sex, age_from_days, effective_from desc, id desc")
                .param(testId).query(CatalogRepository::band).list();
    }

    long insertBand(long testId, String analyzer, String sex, int ageFrom, Integer ageTo, BigDecimal low,
                    BigDecimal high,
                    BigDecimal criticalLow, BigDecimal criticalHigh, boolean inclusive, String unit,
                    Instant effectiveFrom, String createdBy, String reason) {
        return jdbc.sql("insert into catalog.reference_interval (test_id, analyzer, sex, age_from_days, age_to_days,"
                        + " low, high, critical_low, critical_high, critical_inclusive, unit, effective_from,"
                        + " created_by, reason) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?) returning id")
                .params(testId, analyzer, sex, ageFrom, ageTo, low, high, criticalLow, criticalHigh, inclusive, unit,
                        Timestamp.from(effectiveFrom), createdBy, reason)
                .query(Long.class).single();
    }

    void endBand(long id, Instant effectiveTo, Long supersededBy, String endedBy, String reason) {
        jdbc.sql("update catalog.reference_interval set effective_to = ?, superseded_by = ?, ended_by = ?,"
                        + " end_reason = ? where id = ?")
                .params(Timestamp.from(effectiveTo), supersededBy, endedBy, reason, id).update();
    }

    private static TestRow testRow(ResultSet rs, int n) throws SQLException {
        Integer decimals = rs.getObject("decimals", Integer.class);
        TestDefinition t = new TestDefinition(rs.getLong("id"), rs.getString("code"), rs.getString("loinc"),
                rs.getString("name"), rs.getString("section_code"), ResultType.valueOf(rs.getString("result_type")),
                rs.getString("unit"), decimals, rs.getString("specimen_type"), rs.getString("container_code"),
                strings(rs.getArray("answers")), strings(rs.getArray("abnormal_answers")), rs.getBoolean("active"));
        return new TestRow(t, rs.getBoolean("calculated"), rs.getBoolean("orderable"), rs.getInt("version"));
    }

    private static IntervalBand band(ResultSet rs, int n) throws SQLException {
        Timestamp to = rs.getTimestamp("effective_to");
        return new IntervalBand(rs.getLong("id"), rs.getLong("test_id"), rs.getString("sex"),
                rs.getInt("age_from_days"), rs.getObject("age_to_days", Integer.class), plain(rs.getBigDecimal("low")),
                plain(rs.getBigDecimal("high")), plain(rs.getBigDecimal("critical_low")), plain(rs.getBigDecimal("critical_high")),
                rs.getBoolean("critical_inclusive"), rs.getString("unit"),
                rs.getTimestamp("effective_from").toInstant(), to == null ? null : to.toInstant(),
                rs.getObject("superseded_by", Long.class), rs.getString("created_by"), rs.getString("reason"),
                rs.getString("ended_by"), rs.getString("end_reason"), rs.getString("analyzer"));
    }

    /** numeric(12,4) comes back as 3.5000; limits are shown and audited as entered (3.5). */
    private static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }
}
