package org.lavender.instruments.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.AnalyzerSettings;
import org.lavender.instruments.CodeMapping;
import org.lavender.instruments.OrderMessageType;
import org.lavender.instruments.SpecimenIdField;
import org.lavender.instruments.Transport;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnalyzerRepository {

    private static final String COLUMNS = "id, name, model, section, protocol, transport, host, port, serial_port,"
            + " encoding, loinc_codes, active, version, push_orders, specimen_id_field,"
            + " order_message";

    private final JdbcClient jdbc;

    AnalyzerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Analyzer> all() {
        return jdbc.sql("select " + COLUMNS + " from instruments.analyzer order by name").query(AnalyzerRepository::row)
                .list();
    }

    Optional<Analyzer> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from instruments.analyzer where id = ?").param(id)
                .query(AnalyzerRepository::row).optional();
    }

    Optional<Analyzer> findByName(String name) {
        return jdbc.sql("select " + COLUMNS + " from instruments.analyzer where lower(name) = lower(?)").param(name)
                .query(AnalyzerRepository::row).optional();
    }

    long insert(AnalyzerSettings s) {
        return jdbc.sql("""
                insert into instruments.analyzer (name, model, section, protocol, transport, host, port, serial_port,
                    encoding, loinc_codes, active, push_orders, specimen_id_field, order_message)
                values (:name, :model, :section, :protocol, :transport, :host, :port, :serial, :encoding, :loinc,
                    :active, :push, :specimenIdField, :orderMessage)
                returning id""").params(params(s)).query(Long.class).single();
    }

    boolean update(long id, int version, AnalyzerSettings s) {
        var source = params(s);
        source.put("id", id);
        source.put("version", version);
        return jdbc.sql("""
                update instruments.analyzer set name = :name, model = :model, section = :section,
                    protocol = :protocol, transport = :transport, host = :host, port = :port, serial_port = :serial,
                    encoding = :encoding, loinc_codes = :loinc, active = :active, push_orders = :push,
                    specimen_id_field = :specimenIdField, order_message = :orderMessage, version = version + 1
                where id = :id and version = :version""").params(source).update() == 1;
    }

    List<CodeMapping> codeMap(long analyzerId) {
        return jdbc.sql("select instrument_code, test_code, unit, factor from instruments.code_map"
                        + " where analyzer_id = ? order by instrument_code")
                .param(analyzerId).query((rs, n) -> new CodeMapping(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getBigDecimal(4))).list();
    }

    Optional<CodeMapping> mapping(long analyzerId, String instrumentCode) {
        return jdbc.sql("select instrument_code, test_code, unit, factor from instruments.code_map"
                        + " where analyzer_id = ? and instrument_code = ?")
                .params(analyzerId, instrumentCode).query((rs, n) -> new CodeMapping(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getBigDecimal(4))).optional();
    }

    void upsertMapping(long analyzerId, CodeMapping m) {
        jdbc.sql("""
                insert into instruments.code_map (analyzer_id, instrument_code, test_code, unit, factor)
                values (?, ?, ?, ?, ?)
                on conflict (analyzer_id, instrument_code) do update
                    set test_code = excluded.test_code, unit = excluded.unit, factor = excluded.factor""")
                .params(analyzerId, m.instrumentCode(), m.testCode(), m.unit(), m.factor()).update();
    }

    boolean deleteMapping(long analyzerId, String instrumentCode) {
        return jdbc.sql("delete from instruments.code_map where analyzer_id = ? and instrument_code = ?")
                .params(analyzerId, instrumentCode).update() == 1;
    }

    private static java.util.Map<String, Object> params(AnalyzerSettings s) {
        var map = new java.util.HashMap<String, Object>();
        map.put("name", s.name());
        map.put("model", s.model());
        map.put("section", s.section());
        map.put("protocol", s.protocol().name());
        map.put("transport", s.transport().name());
        map.put("host", s.host());
        map.put("port", s.port());
        map.put("serial", s.serialPort());
        map.put("encoding", s.encoding());
        map.put("loinc", s.loincCodes());
        map.put("active", s.active());
        map.put("push", s.pushOrders());
        map.put("specimenIdField", (s.specimenIdField() == null ? SpecimenIdField.AUTO : s.specimenIdField()).name());
        map.put("orderMessage", (s.orderMessage() == null ? OrderMessageType.OML_O21 : s.orderMessage()).name());
        return map;
    }

    private static Analyzer row(ResultSet rs, int n) throws SQLException {
        return new Analyzer(rs.getLong("id"), rs.getString("name"), rs.getString("model"), rs.getString("section"),
                AnalyzerProtocol.valueOf(rs.getString("protocol")), Transport.valueOf(rs.getString("transport")),
                rs.getString("host"), (Integer) rs.getObject("port"), rs.getString("serial_port"),
                rs.getString("encoding"), rs.getBoolean("loinc_codes"), rs.getBoolean("active"), rs.getInt("version"),
                rs.getBoolean("push_orders"), SpecimenIdField.valueOf(rs.getString("specimen_id_field")),
                OrderMessageType.valueOf(rs.getString("order_message")));
    }
}
