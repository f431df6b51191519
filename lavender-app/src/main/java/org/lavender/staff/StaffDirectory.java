package org.lavender.staff;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** People who may sign in, and what they may do. */
public interface StaffDirectory {

    Optional<StaffMember> find(String username);

    List<StaffMember> all();

    /** Creates a user; the password is stored only as a hash. Fails if the username is taken. */
    StaffMember create(String username, String displayName, String rawPassword, Set<Role> roles);

    boolean exists(String username);
}
