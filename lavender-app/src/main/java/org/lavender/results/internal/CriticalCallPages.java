package org.lavender.results.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The critical-call queue: overdue calls first and highlighted, each with its call log and a form to log a call. */
@Controller
class CriticalCallPages {

    private static final int PAGE = 50;

    private final CriticalCalls calls;
    private final Clock clock;

    CriticalCallPages(CriticalCalls calls, Clock clock) {
        this.calls = calls;
        this.clock = clock;
    }

    @GetMapping("/results/critical")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    String queue(@RequestParam(required = false) String cursor, Model model) {
        Instant afterDeadline = null;
        Long afterId = null;
        if (cursor != null && !cursor.isBlank()) {
            String[] p = cursor.split("_");
            try {
                long micros = Long.parseLong(p[0]);
                afterDeadline = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                        Math.floorMod(micros, 1_000_000L) * 1000);
                afterId = Long.parseLong(p[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new InvalidInputException("cursor", "Malformed page cursor");
            }
        }
        List<CriticalCall> page = calls.queue(afterDeadline, afterId, PAGE + 1);
        String next = null;
        if (page.size() > PAGE) {
            page = page.subList(0, PAGE);
            CriticalCall last = page.get(PAGE - 1);
            next = (last.deadline().getEpochSecond() * 1_000_000 + last.deadline().getNano() / 1000) + "_" + last.id();
        }
        model.addAttribute("calls", page);
        model.addAttribute("nextCursor", next);
        model.addAttribute("done", cursor == null ? calls.doneToday() : List.of());
        model.addAttribute("now", clock.instant());
        model.addAttribute("deadlineMinutes", calls.deadline().toMinutes());
        model.addAttribute("zone", clock.getZone());
        return "results/critical";
    }

    @PostMapping("/results/critical/{id}/attempt")
    String attempt(@PathVariable long id, @RequestParam(required = false) String recipient,
                   @RequestParam(required = false) String contact, @RequestParam(defaultValue = "false") boolean reached,
                   @RequestParam(required = false) String readBack, @RequestParam(required = false) String note,
                   RedirectAttributes redirect) {
        try {
            Boolean confirmed = readBack == null || readBack.isBlank() ? null : "yes".equals(readBack);
            CriticalCall call = calls.recordAttempt(id, recipient, contact, reached, confirmed, note);
            redirect.addFlashAttribute("message", "DONE".equals(call.status())
                    ? call.testName() + " on " + call.accession() + " called and read back: documented"
                    : "Attempt logged; the call for " + call.testName() + " on " + call.accession() + " stays open");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/critical";
    }
}
