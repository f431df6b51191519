package org.lavender.results.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.shared.InvalidInputException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where autoverification is switched on: per section, with per-test exceptions. Switching is an audited change by
 * an administrator (CLSI AUTO10 asks that rules be validated before they are switched on).
 */
@Service
class AutoverificationSettings {

    /** One switch: a section or a test, on or off, and who set it. */
    record Scope(String scopeType, String code, boolean enabled, Instant updatedAt, String updatedBy) {
    }

    private final JdbcClient jdbc;
    private final IntelligenceRepository rules;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    AutoverificationSettings(JdbcClient jdbc, IntelligenceRepository rules, Catalog catalog, AuditLog audit,
                             Clock clock) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<Scope> scopes() {
        return jdbc.sql("select scope_type, code, enabled, updated_at, updated_by from results.autoverification_scope"
                        + " order by scope_type, code")
                .query((rs, n) -> new Scope(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                        rs.getTimestamp(4).toInstant(), rs.getString(5)))
                .list();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    Scope set(String scopeType, String code, boolean enabled) {
        rules.rulesChanged();
        String type = scopeType == null ? "" : scopeType.strip().toUpperCase(java.util.Locale.ROOT);
        String clean = code == null ? "" : code.strip();
        switch (type) {
            case "SECTION" -> {
                if (catalog.section(clean).isEmpty()) {
                    throw new InvalidInputException("code", "Unknown section '" + clean + "'");
                }
            }
            case "TEST" -> clean = catalog.test(clean)
                    .orElseThrow(() -> new InvalidInputException("code", "Unknown test '" + code + "'")).code();
            default -> throw new InvalidInputException("scopeType", "Scope is SECTION or TEST, not '" + scopeType + "'");
        }
        return store(type, clean, enabled, ResultService.currentUser());
    }

    /** Start-up defaults of a profile (the demo lab turns on CHEM and HEME); a switch already set is kept. */
    @Transactional
    void defaultOn(List<String> sections) {
        rules.rulesChanged();
        for (String section : sections) {
            int inserted = jdbc.sql("""
                    insert into results.autoverification_scope (scope_type, code, enabled, updated_at, updated_by)
                    values ('SECTION', ?, true, ?, 'system') on conflict do nothing""")
                    .params(section.strip(), Timestamp.from(clock.instant())).update();
            if (inserted == 1) {
                audit.record("system", AuditEvent.of("SET", "autoverification", "SECTION:" + section.strip(), null,
                        "on", "profile default"));
            }
        }
    }

    private Scope store(String type, String code, boolean enabled, String user) {
        Instant now = clock.instant();
        Boolean before = jdbc.sql("select enabled from results.autoverification_scope where scope_type = ? and code = ?")
                .params(type, code).query(Boolean.class).optional().orElse(null);
        jdbc.sql("""
                insert into results.autoverification_scope (scope_type, code, enabled, updated_at, updated_by)
                values (?, ?, ?, ?, ?)
                on conflict (scope_type, code) do update set enabled = excluded.enabled,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(type, code, enabled, Timestamp.from(now), user).update();
        audit.record(AuditEvent.of("SET", "autoverification", type + ":" + code,
                before == null ? "not set (off)" : before ? "on" : "off", enabled ? "on" : "off", null));
        return new Scope(type, code, enabled, now, user);
    }
}
