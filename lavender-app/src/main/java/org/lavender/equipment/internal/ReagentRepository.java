package org.lavender.equipment.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.Reagent;
import org.lavender.equipment.ReagentInUse;
import org.lavender.equipment.ReagentLot;
import org.lavender.equipment.ResultReagent;
import org.lavender.equipment.StockLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ReagentRepository {

    private static final String REAGENTS = "select id, name, manufacturer, catalog_number, test_codes, tests_per_unit,"
            + " unit_name, onboard_days, storage, reorder_point from equipment.reagent";

    private static final String LOTS = """
            select l.id, l.reagent_id, r.name as reagent_name, l.lot_number, l.expires_on, l.storage,
                l.units_received, l.units_unopened, l.received_at, l.received_by
            from equipment.reagent_lot l join equipment.reagent r on r.id = l.reagent_id
            """;

    private static final String IN_USE_COLUMNS = """
            u.id, u.lot_id, u.reagent_id, r.name as reagent_name, l.lot_number, l.expires_on, u.asset_id,
                a.name as asset_name, u.opened_at, u.opened_by, u.stable_until, u.tests_left, u.removed_at,
                u.removed_by""";

    private static final String IN_USE = "select " + IN_USE_COLUMNS + """

            from equipment.reagent_in_use u
            join equipment.reagent_lot l on l.id = u.lot_id
            join equipment.reagent r on r.id = u.reagent_id
            join equipment.asset a on a.id = u.asset_id
            """;

    private final JdbcClient jdbc;

    ReagentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Reagent> reagents() {
        return jdbc.sql(REAGENTS + " order by lower(name)").query(ReagentRepository::reagent).list();
    }

    Optional<Reagent> reagent(long id) {
        return jdbc.sql(REAGENTS + " where id = ?").param(id).query(ReagentRepository::reagent).optional();
    }

    Optional<Reagent> reagentByName(String name) {
        return jdbc.sql(REAGENTS + " where lower(name) = lower(?)").param(name).query(ReagentRepository::reagent)
                .optional();
    }

    long insertReagent(Reagent r, Instant now) {
        return jdbc.sql("""
                insert into equipment.reagent (name, manufacturer, catalog_number, test_codes, tests_per_unit,
                    unit_name, onboard_days, storage, reorder_point, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(r.name(), r.manufacturer(), r.catalogNumber(), r.testCodes().toArray(String[]::new),
                        r.testsPerUnit(), r.unitName(), r.onboardDays(), r.storage(), r.reorderPoint(),
                        Rows.timestamp(now))
                .query(Long.class).single();
    }

    Optional<ReagentLot> lockLot(long reagentId, String lotNumber) {
        return jdbc.sql(LOTS + " where l.reagent_id = ? and l.lot_number = ? for update of l")
                .params(reagentId, lotNumber).query(ReagentRepository::lot).optional();
    }

    Optional<ReagentLot> lockLot(long id) {
        return jdbc.sql(LOTS + " where l.id = ? for update of l").param(id).query(ReagentRepository::lot).optional();
    }

    Optional<ReagentLot> lot(long id) {
        return jdbc.sql(LOTS + " where l.id = ?").param(id).query(ReagentRepository::lot).optional();
    }

    long insertLot(LotReceipt receipt, Instant now, String by) {
        return jdbc.sql("""
                insert into equipment.reagent_lot (reagent_id, lot_number, expires_on, storage, units_received,
                    units_unopened, received_at, received_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(receipt.reagentId(), receipt.lotNumber(), receipt.expiresOn(), receipt.storage(),
                        receipt.units(), receipt.units(), Rows.timestamp(now), by)
                .query(Long.class).single();
    }

    void addUnits(long lotId, int units) {
        jdbc.sql("update equipment.reagent_lot set units_received = units_received + ?,"
                + " units_unopened = units_unopened + ? where id = ?").params(units, units, lotId).update();
    }

    void takeUnit(long lotId) {
        jdbc.sql("update equipment.reagent_lot set units_unopened = units_unopened - 1 where id = ?").param(lotId)
                .update();
    }

    List<ReagentLot> lotsInStock() {
        return jdbc.sql(LOTS + " where l.units_unopened > 0 order by l.expires_on, r.name, l.id")
                .query(ReagentRepository::lot).list();
    }

    List<ReagentLot> lotsExpiringBy(LocalDate day) {
        return jdbc.sql(LOTS + " where l.units_unopened > 0 and l.expires_on <= ? order by l.expires_on, r.name")
                .param(day).query(ReagentRepository::lot).list();
    }

    Optional<ReagentInUse> lockLoaded(long reagentId, long assetId) {
        return jdbc.sql(IN_USE + " where u.reagent_id = ? and u.asset_id = ? and u.removed_at is null for update of u")
                .params(reagentId, assetId).query(ReagentRepository::inUse).optional();
    }

    Optional<ReagentInUse> lockInUse(long id) {
        return jdbc.sql(IN_USE + " where u.id = ? for update of u").param(id).query(ReagentRepository::inUse)
                .optional();
    }

    Optional<ReagentInUse> inUse(long id) {
        return jdbc.sql(IN_USE + " where u.id = ?").param(id).query(ReagentRepository::inUse).optional();
    }

    long insertInUse(long lotId, long reagentId, long assetId, Instant openedAt, String by, Instant stableUntil,
                     int tests) {
        return jdbc.sql("""
                insert into equipment.reagent_in_use (lot_id, reagent_id, asset_id, opened_at, opened_by, stable_until,
                    tests_left)
                values (?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(lotId, reagentId, assetId, Rows.timestamp(openedAt), by, Rows.timestamp(stableUntil), tests)
                .query(Long.class).single();
    }

    void removeInUse(long id, Instant at, String by, String reason) {
        jdbc.sql("update equipment.reagent_in_use set removed_at = ?, removed_by = ?, removed_reason = ? where id = ?")
                .params(Rows.timestamp(at), by, reason, id).update();
    }

    List<ReagentInUse> loaded() {
        return jdbc.sql(IN_USE + " where u.removed_at is null order by a.name, r.name").query(ReagentRepository::inUse)
                .list();
    }

    List<ReagentInUse> loadedBeyondStability(Instant at) {
        return jdbc.sql(IN_USE + " where u.removed_at is null and u.stable_until <= ? order by u.stable_until")
                .param(Rows.timestamp(at)).query(ReagentRepository::inUse).list();
    }

    /** Units loaded on the asset serving any of the tests, locked so concurrent filings count one after another. */
    List<LoadedFor> lockLoadedFor(long assetId, Collection<String> testCodes) {
        return jdbc.sql("""
                select u.id, u.lot_id, u.reagent_id, u.stable_until, t.code
                from equipment.reagent_in_use u
                join equipment.reagent r on r.id = u.reagent_id
                cross join lateral unnest(r.test_codes) as t(code)
                where u.asset_id = ? and u.removed_at is null and t.code = any(?)
                order by u.id
                for update of u""")
                .params(assetId, testCodes.toArray(String[]::new))
                .query((rs, n) -> new LoadedFor(rs.getLong("id"), rs.getLong("lot_id"), rs.getLong("reagent_id"),
                        Rows.instant(rs, "stable_until"), rs.getString("code")))
                .list();
    }

    /**
     * For each question, in one statement: the units serving the test that were loaded on the analyzer at the moment
     * asked but past their stability then (lot expired or on-board stability over), by reagent name.
     */
    Map<AnalyteAt, List<ReagentInUse>> unstableAt(Collection<AnalyteAt> questions) {
        if (questions.isEmpty()) {
            return Map.of();
        }
        List<AnalyteAt> asked = List.copyOf(questions);
        Map<AnalyteAt, List<ReagentInUse>> units = new HashMap<>();
        jdbc.sql("select k.i, " + IN_USE_COLUMNS + " from " + AnalyteAt.TABLE + """

                 join equipment.asset a on lower(a.analyzer_name) = lower(k.analyzer_name)
                 join equipment.reagent_in_use u on u.asset_id = a.id and u.opened_at <= k.measured_at
                   and (u.removed_at is null or u.removed_at > k.measured_at) and u.stable_until <= k.measured_at
                 join equipment.reagent r on r.id = u.reagent_id and k.test_code = any(r.test_codes)
                 join equipment.reagent_lot l on l.id = u.lot_id
                 order by k.i, r.name, u.id""")
                .params(AnalyteAt.columns(asked))
                .query((rs, n) -> units.computeIfAbsent(asked.get(rs.getInt("i") - 1), q -> new ArrayList<>())
                        .add(inUse(rs, n)))
                .list();
        return units;
    }

    record LoadedFor(long inUseId, long lotId, long reagentId, Instant stableUntil, String testCode) {
    }

    /** Records a result's reagent use once (a redelivered event is ignored); true when it was new. */
    boolean recordUse(long resultId, long specimenId, String testCode, Instant filedAt, long assetId, LoadedFor unit,
                      boolean beyondStability) {
        return jdbc.sql("""
                insert into equipment.result_reagent (result_id, specimen_id, test_code, filed_at, asset_id,
                    reagent_id, lot_id, in_use_id, beyond_stability)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (result_id, filed_at, reagent_id) do nothing""")
                .params(resultId, specimenId, testCode, Rows.timestamp(filedAt), assetId, unit.reagentId(),
                        unit.lotId(), unit.inUseId(), beyondStability)
                .update() == 1;
    }

    void consume(long inUseId, int tests) {
        jdbc.sql("update equipment.reagent_in_use set tests_left = greatest(tests_left - ?, 0) where id = ?")
                .params(tests, inUseId).update();
    }

    List<StockLevel> stock(LocalDate today, Instant now) {
        return jdbc.sql("""
                select r.id, r.name, r.unit_name, r.tests_per_unit, r.reorder_point,
                    coalesce((select sum(l.units_unopened) from equipment.reagent_lot l
                              where l.reagent_id = r.id and l.expires_on >= :today), 0) as unopened,
                    coalesce((select sum(u.tests_left) from equipment.reagent_in_use u
                              where u.reagent_id = r.id and u.removed_at is null and u.stable_until > :now), 0)
                        as in_use
                from equipment.reagent r order by lower(r.name)""")
                .param("today", today).param("now", Rows.timestamp(now))
                .query((rs, n) -> StockLevel.of(rs.getLong("id"), rs.getString("name"), rs.getString("unit_name"),
                        rs.getInt("tests_per_unit"), rs.getInt("unopened"), rs.getInt("in_use"),
                        rs.getInt("reorder_point")))
                .list();
    }

    List<ResultReagent> forResult(long resultId) {
        return jdbc.sql("""
                select x.result_id, x.test_code, x.filed_at, a.name as asset_name, r.name as reagent_name,
                    l.lot_number, l.expires_on, x.beyond_stability
                from equipment.result_reagent x
                join equipment.asset a on a.id = x.asset_id
                join equipment.reagent r on r.id = x.reagent_id
                join equipment.reagent_lot l on l.id = x.lot_id
                where x.result_id = ? order by x.filed_at desc, r.name""")
                .param(resultId)
                .query((rs, n) -> new ResultReagent(rs.getLong("result_id"), rs.getString("test_code"),
                        Rows.instant(rs, "filed_at"), rs.getString("asset_name"), rs.getString("reagent_name"),
                        rs.getString("lot_number"), Rows.date(rs, "expires_on"), rs.getBoolean("beyond_stability")))
                .list();
    }

    private static Reagent reagent(ResultSet rs, int n) throws SQLException {
        return new Reagent(rs.getLong("id"), rs.getString("name"), rs.getString("manufacturer"),
                rs.getString("catalog_number"), Rows.strings(rs.getArray("test_codes")), rs.getInt("tests_per_unit"),
                rs.getString("unit_name"), Rows.integer(rs, "onboard_days"), rs.getString("storage"),
                rs.getInt("reorder_point"));
    }

    private static ReagentLot lot(ResultSet rs, int n) throws SQLException {
        return new ReagentLot(rs.getLong("id"), rs.getLong("reagent_id"), rs.getString("reagent_name"),
                rs.getString("lot_number"), Rows.date(rs, "expires_on"), rs.getString("storage"),
                rs.getInt("units_received"), rs.getInt("units_unopened"), Rows.instant(rs, "received_at"),
                rs.getString("received_by"));
    }

    private static ReagentInUse inUse(ResultSet rs, int n) throws SQLException {
        return new ReagentInUse(rs.getLong("id"), rs.getLong("lot_id"), rs.getLong("reagent_id"),
                rs.getString("reagent_name"), rs.getString("lot_number"), Rows.date(rs, "expires_on"),
                rs.getLong("asset_id"), rs.getString("asset_name"), Rows.instant(rs, "opened_at"),
                rs.getString("opened_by"), Rows.instant(rs, "stable_until"), rs.getInt("tests_left"),
                Rows.instant(rs, "removed_at"), rs.getString("removed_by"));
    }
}
