package org.lavender.results.internal;

import java.time.Clock;
import java.util.List;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Which sections ask for a second (medical) verification before a result is final. Administrators; audited. */
@Service
class VerificationPolicies {

    private final VerificationRepository repository;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    VerificationPolicies(VerificationRepository repository, Catalog catalog, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    List<VerificationRepository.Policy> policies() {
        return repository.policies();
    }

    @PreAuthorize("hasRole('ADMIN')")
    @Transactional
    void secondVerification(String section, boolean required) {
        String code = section == null ? "" : section.strip();
        if (catalog.section(code).isEmpty()) {
            throw new InvalidInputException("section", "Unknown section '" + code + "'");
        }
        boolean before = repository.secondVerification(code);
        repository.setPolicy(code, required, clock.instant(), ResultService.currentUser());
        audit.record(AuditEvent.changed("verification-policy", code, before ? "second verification" : "one verification",
                required ? "second verification" : "one verification", null));
    }
}
