package org.lavender.staff.internal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.lavender.staff.StaffMember;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
class JdbcStaffDirectory implements StaffDirectory, UserDetailsService {

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final AuditLog audit;

    JdbcStaffDirectory(JdbcClient jdbc, PasswordEncoder passwords, AuditLog audit) {
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.audit = audit;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<StaffMember> find(String username) {
        return jdbc.sql("select id, username, display_name, roles, enabled from staff.app_user where username = ?")
                .param(username).query(JdbcStaffDirectory::member).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StaffMember> all() {
        return jdbc.sql("select id, username, display_name, roles, enabled from staff.app_user order by username")
                .query(JdbcStaffDirectory::member).list();
    }

    @Override
    @Transactional
    public StaffMember create(String username, String displayName, String rawPassword, Set<Role> roles) {
        if (rawPassword == null || rawPassword.length() < 8) {
            throw new IllegalArgumentException("A password needs at least 8 characters");
        }
        if (exists(username)) {
            throw new IllegalArgumentException("User " + username + " already exists");
        }
        String[] roleNames = roles.stream().map(Role::name).sorted().toArray(String[]::new);
        long id = jdbc.sql("insert into staff.app_user (username, password_hash, display_name, roles)"
                        + " values (?, ?, ?, ?) returning id")
                .params(username, passwords.encode(rawPassword), displayName, roleNames)
                .query(Long.class).single();
        audit.record(AuditEvent.created("user", username, displayName + " " + Arrays.toString(roleNames)));
        return new StaffMember(id, username, displayName, EnumSet.copyOf(roles), true);
    }

    @Override
    @Transactional(readOnly = true)
    public boolean exists(String username) {
        return jdbc.sql("select count(*) from staff.app_user where username = ?").param(username)
                .query(Long.class).single() > 0;
    }

    @Override
    @Transactional(readOnly = true)
    public UserDetails loadUserByUsername(String username) {
        record Row(String username, String hash, String[] roles, boolean enabled) {
        }
        Row row = jdbc.sql("select username, password_hash, roles, enabled from staff.app_user where username = ?")
                .param(username)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), (String[]) rs.getArray(3).getArray(),
                        rs.getBoolean(4)))
                .optional().orElseThrow(() -> new UsernameNotFoundException(username));
        return User.withUsername(row.username()).password(row.hash()).disabled(!row.enabled())
                .authorities(Arrays.stream(row.roles()).map(r -> new SimpleGrantedAuthority("ROLE_" + r)).toList())
                .build();
    }

    private static StaffMember member(ResultSet rs, int n) throws SQLException {
        Array array = rs.getArray("roles");
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : (String[]) array.getArray()) {
            roles.add(Role.valueOf(r));
        }
        return new StaffMember(rs.getLong("id"), rs.getString("username"), rs.getString("display_name"), roles,
                rs.getBoolean("enabled"));
    }
}
