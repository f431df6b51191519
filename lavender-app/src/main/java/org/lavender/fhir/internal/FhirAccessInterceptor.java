package org.lavender.fhir.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Who may do what through FHIR. Spring Security has already authenticated the caller (HTTP Basic); any signed-in
 * role may read (a physician reads reports), but only an interface (SYSTEM), a technician or an admin may create
 * patients and orders.
 */
@Component
@Interceptor
class FhirAccessInterceptor {

    static final Set<String> WRITER_ROLES = Set.of("ROLE_SYSTEM", "ROLE_TECHNICIAN", "ROLE_ADMIN");

    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void authorize(RestOperationTypeEnum operation) {
        if (operation == RestOperationTypeEnum.METADATA) {
            // The CapabilityStatement is public: clients read it to learn how to authenticate (FHIR R4 http.html).
            return;
        }
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        if (caller == null || !caller.isAuthenticated() || caller instanceof AnonymousAuthenticationToken) {
            throw new AuthenticationException("Sign in with HTTP Basic to use the FHIR interface")
                    .addAuthenticateHeaderForRealm("Lavender");
        }
        if (READS.contains(operation)) {
            return;
        }
        boolean writer = caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(WRITER_ROLES::contains);
        if (!writer) {
            throw new ForbiddenOperationException("User '" + caller.getName() + "' may read but not "
                    + "write through FHIR: " + operation.getCode() + " needs role SYSTEM, TECHNICIAN or ADMIN");
        }
    }
}
