package org.lavender.results.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The thromboplastin lots the INR is calculated with (ISI and mean normal PT per lot and analyzer), and whether the
 * LIS calculates INR at all. A new lot ends the one in effect for the same analyzer; nothing is edited in place, so
 * every INR can be traced to the values it used. Administrators only; every change audited.
 */
@Service
class ThromboplastinLots {

    /** A lot as stored, with its validity. */
    record Lot(long id, String lotNumber, String analyzer, BigDecimal isi, BigDecimal mnptSeconds,
               Instant effectiveFrom, Instant effectiveTo, String createdBy) {
    }

    private static final BigDecimal ISI_MIN = new BigDecimal("0.5");
    private static final BigDecimal ISI_MAX = new BigDecimal("3.0");
    private static final BigDecimal MNPT_MIN = new BigDecimal("5");
    private static final BigDecimal MNPT_MAX = new BigDecimal("60");

    private final JdbcClient jdbc;
    private final IntelligenceRepository rules;
    private final AuditLog audit;
    private final Clock clock;

    ThromboplastinLots(JdbcClient jdbc, IntelligenceRepository rules, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.audit = audit;
        this.clock = clock;
    }

    /** Lots newest first (a lab has a handful a year). */
    @Transactional(readOnly = true)
    List<Lot> lots() {
        return jdbc.sql("""
                select id, lot_number, analyzer, isi, mnpt_seconds, effective_from, effective_to, created_by
                from results.thromboplastin_lot order by effective_from desc, id desc limit 100""")
                .query((rs, n) -> new Lot(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getTimestamp(6).toInstant(),
                        rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(), rs.getString(8)))
                .list();
    }

    @Transactional(readOnly = true)
    boolean calculating() {
        return jdbc.sql("select enabled from results.calculation where calculator = 'INR'").query(Boolean.class)
                .optional().orElse(false);
    }

    /** Puts a lot into use now for an analyzer (blank = any analyzer), ending the lot it replaces. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    Lot start(String lotNumber, String analyzer, String isi, String mnpt) {
        rules.rulesChanged();
        String lot = lotNumber == null ? "" : lotNumber.strip();
        if (!lot.matches("[A-Za-z0-9._/-]{1,40}")) {
            throw new InvalidInputException("lotNumber", "Enter the lot number as printed on the vial (letters,"
                    + " digits, . _ / -; at most 40)");
        }
        String on = analyzer == null || analyzer.isBlank() ? null : analyzer.strip();
        if (on != null && on.length() > 100) {
            throw new InvalidInputException("analyzer", "An analyzer name has at most 100 characters");
        }
        BigDecimal index = decimal(isi, "isi", "ISI", ISI_MIN, ISI_MAX);
        BigDecimal normal = decimal(mnpt, "mnpt", "Mean normal PT (s)", MNPT_MIN, MNPT_MAX);
        Instant now = clock.instant();
        String user = ResultService.currentUser();
        List<Long> ended = jdbc.sql("""
                update results.thromboplastin_lot set effective_to = ?, ended_by = ?
                where coalesce(analyzer, '') = coalesce(?, '') and effective_to is null returning id""")
                .params(Timestamp.from(now), user, on).query(Long.class).list();
        long id = jdbc.sql("""
                insert into results.thromboplastin_lot (lot_number, analyzer, isi, mnpt_seconds, effective_from,
                    created_by) values (?,?,?,?,?,?) returning id""")
                .params(lot, on, index, normal, Timestamp.from(now), user).query(Long.class).single();
        Lot created = new Lot(id, lot, on, index, normal, now, null, user);
        audit.record(AuditEvent.of("START", "thromboplastin-lot", id, ended.isEmpty() ? null : "ended lot " + ended,
                new CalculationInputs.Thromboplastin(id, lot, on, index, normal).text(), "new lot in use"));
        return created;
    }

    /** Switches the LIS's INR calculation on or off. */
    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    void calculate(boolean on) {
        rules.rulesChanged();
        boolean before = calculating();
        if (on) {
            int other = jdbc.sql("select count(*) from results.calculation where output_test = '6301-6' and enabled"
                    + " and calculator <> 'INR'").query(Integer.class).single();
            if (other > 0) {
                throw new InvalidInputException("enabled", "Another calculation already fills INR");
            }
        }
        jdbc.sql("update results.calculation set enabled = ? where calculator = 'INR'").param(on).update();
        audit.record(AuditEvent.changed("calculation", "INR", before ? "on" : "off", on ? "on" : "off",
                on ? "LIS calculates INR from PT" : "INR no longer calculated by the LIS"));
    }

    private static BigDecimal decimal(String text, String field, String label, BigDecimal min, BigDecimal max) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("\\d{1,3}(\\.\\d{1,2})?")) {
            throw new InvalidInputException(field, label + " must be a number with at most 2 decimals, not '" + t + "'");
        }
        BigDecimal v = new BigDecimal(t);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new InvalidInputException(field, label + " " + t + " is outside " + min.toPlainString() + "–"
                    + max.toPlainString());
        }
        return v;
    }
}
