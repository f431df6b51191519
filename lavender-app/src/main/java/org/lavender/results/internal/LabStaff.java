package org.lavender.results.internal;

import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/** Lab staff see results waiting for verification; providers (PHYSICIAN) and systems see released results only. */
final class LabStaff {

    private static final Set<String> ROLES = Set.of("ROLE_TECHNICIAN", "ROLE_VERIFIER", "ROLE_ADMIN");

    private LabStaff() {
    }

    static boolean is(Authentication auth) {
        return auth != null && auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(ROLES::contains);
    }
}
