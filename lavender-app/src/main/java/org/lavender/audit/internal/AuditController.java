package org.lavender.audit.internal;

import java.time.Clock;
import java.util.List;
import org.lavender.audit.AuditEntry;
import org.lavender.audit.AuditLog;
import org.lavender.audit.ChainVerification;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/** The audit trail for administrators: newest first, filterable, with a chain check. */
@Controller
@PreAuthorize("hasRole('ADMIN')")
class AuditController {

    private static final int PAGE = 50;

    private final AuditLog audit;
    private final Clock clock;

    AuditController(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @GetMapping("/audit")
    String page(@RequestParam(required = false) Long before, @RequestParam(required = false) String type,
                @RequestParam(required = false) String actor, @RequestParam(defaultValue = "false") boolean verify,
                Model model) {
        List<AuditEntry> entries = audit.page(before, PAGE + 1, type, actor);
        Long next = null;
        if (entries.size() > PAGE) {
            entries = entries.subList(0, PAGE);
            next = entries.get(PAGE - 1).seq();
        }
        model.addAttribute("entries", entries);
        model.addAttribute("next", next);
        model.addAttribute("type", type);
        model.addAttribute("actor", actor);
        model.addAttribute("zone", clock.getZone());
        if (verify) {
            model.addAttribute("verification", audit.verifyChain());
        }
        return "audit/list";
    }

    /** For monitoring and scripts: re-hashes the whole chain. */
    @GetMapping(value = "/api/audit/verify", produces = "application/json")
    @ResponseBody
    ChainVerification verify() {
        return audit.verifyChain();
    }
}
