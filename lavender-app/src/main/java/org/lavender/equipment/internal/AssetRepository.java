package org.lavender.equipment.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.equipment.Asset;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.AssetSettings;
import org.lavender.equipment.TemperatureRange;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AssetRepository {

    private static final String COLUMNS = "id, tag, name, kind, manufacturer, model, serial_number, location,"
            + " analyzer_name, min_celsius, max_celsius, runs, active, version";

    private final JdbcClient jdbc;

    AssetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Asset> all() {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset order by lower(tag)").query(AssetRepository::row)
                .list();
    }

    Optional<Asset> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset where id = ?").param(id)
                .query(AssetRepository::row).optional();
    }

    /** Locks the asset row so concurrent sign-offs and stock changes on it queue up. */
    Optional<Asset> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset where id = ? for update").param(id)
                .query(AssetRepository::row).optional();
    }

    Optional<Asset> findByAnalyzer(String analyzerName) {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset where lower(analyzer_name) = lower(?)")
                .param(analyzerName).query(AssetRepository::row).optional();
    }

    Optional<Asset> findByTag(String tag) {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset where lower(tag) = lower(?)").param(tag)
                .query(AssetRepository::row).optional();
    }

    Optional<Asset> findBySerial(String manufacturer, String serialNumber) {
        return jdbc.sql("select " + COLUMNS + " from equipment.asset where lower(coalesce(manufacturer, ''))"
                        + " = lower(coalesce(?, '')) and lower(serial_number) = lower(?)")
                .params(manufacturer, serialNumber).query(AssetRepository::row).optional();
    }

    long insert(AssetSettings s) {
        return jdbc.sql("""
                insert into equipment.asset (tag, name, kind, manufacturer, model, serial_number, location,
                    analyzer_name, min_celsius, max_celsius, active)
                values (:tag, :name, :kind, :manufacturer, :model, :serial, :location, :analyzer, :min, :max, :active)
                returning id""").params(params(s)).query(Long.class).single();
    }

    boolean update(long id, int version, AssetSettings s) {
        Map<String, Object> p = params(s);
        p.put("id", id);
        p.put("version", version);
        return jdbc.sql("""
                update equipment.asset set tag = :tag, name = :name, kind = :kind, manufacturer = :manufacturer,
                    model = :model, serial_number = :serial, location = :location, analyzer_name = :analyzer,
                    min_celsius = :min, max_celsius = :max, active = :active, version = version + 1
                where id = :id and version = :version""").params(p).update() == 1;
    }

    /** Counts results filed on the analyzer linked to the asset (the run count of run-based maintenance). */
    void addRuns(long id, int runs) {
        jdbc.sql("update equipment.asset set runs = runs + ? where id = ?").params(runs, id).update();
    }

    private static Map<String, Object> params(AssetSettings s) {
        Map<String, Object> p = new HashMap<>();
        p.put("tag", s.tag());
        p.put("name", s.name());
        p.put("kind", s.kind().name());
        p.put("manufacturer", s.manufacturer());
        p.put("model", s.model());
        p.put("serial", s.serialNumber());
        p.put("location", s.location());
        p.put("analyzer", s.analyzerName());
        p.put("min", s.temperatureRange() == null ? null : s.temperatureRange().minCelsius());
        p.put("max", s.temperatureRange() == null ? null : s.temperatureRange().maxCelsius());
        p.put("active", s.active());
        return p;
    }

    static Asset row(ResultSet rs, int n) throws SQLException {
        BigDecimal min = rs.getBigDecimal("min_celsius");
        BigDecimal max = rs.getBigDecimal("max_celsius");
        return new Asset(rs.getLong("id"), rs.getString("tag"), rs.getString("name"),
                AssetKind.valueOf(rs.getString("kind")), rs.getString("manufacturer"), rs.getString("model"),
                rs.getString("serial_number"), rs.getString("location"), rs.getString("analyzer_name"),
                min == null ? null : new TemperatureRange(min, max), rs.getLong("runs"), rs.getBoolean("active"),
                rs.getInt("version"));
    }
}
