package org.lavender.staff;

import java.util.Set;

public record StaffMember(long id, String username, String displayName, Set<Role> roles, boolean enabled) {

    public boolean has(Role role) {
        return roles.contains(role);
    }
}
