package org.lavender.specimens.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

/** The specimen list and the accession screen (collect, receive, reject, recollect, aliquot, labels). */
@Controller
@RequestMapping("/specimens")
class SpecimenPageController {

    static final String CHANGE = "hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')";
    private static final int PAGE = 50;

    private final Specimens specimens;
    private final SpecimenViews views;

    SpecimenPageController(Specimens specimens, SpecimenViews views) {
        this.specimens = specimens;
        this.views = views;
    }

    @GetMapping
    String list(@RequestParam(required = false) String status, @RequestParam(required = false) String section,
                @RequestParam(required = false) String q, @RequestParam(required = false) Long orderId,
                @RequestParam(required = false) String cursor, Model model) {
        SpecimenStatus s = parseStatus(status);
        var slice = specimens.search(new SpecimenQuery(null, orderId, null, s,
                section == null || section.isBlank() ? null : section.strip(),
                q == null || q.isBlank() ? null : q), cursor, PAGE);
        model.addAttribute("rows", views.rows(slice.items()));
        model.addAttribute("nextCursor", slice.nextCursor());
        model.addAttribute("statuses", SpecimenStatus.values());
        model.addAttribute("status", s == null ? "" : s.name());
        model.addAttribute("section", section == null ? "" : section);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("orderId", orderId);
        return "specimens/list";
    }

    @GetMapping("/{accession}")
    String show(@PathVariable String accession, Model model) {
        model.addAttribute("d", views.detail(accession));
        model.addAttribute("reasons", RejectionReason.values());
        model.addAttribute("me", SpecimenService.currentUser());
        return "specimens/detail";
    }

    @PostMapping("/{accession}/collect")
    @PreAuthorize(CHANGE)
    String collect(@PathVariable String accession, @RequestParam(required = false) String collectedBy,
                   @RequestParam(required = false) String collectedAt, Model model, RedirectAttributes flash) {
        return act(accession, model, flash, () -> {
            Instant at = views.parseLocal("collectedAt", collectedAt);
            Specimen s = specimens.collect(accession, collectedBy, at);
            return "Collected " + s.accession() + " by " + s.collectedBy();
        });
    }

    @PostMapping("/{accession}/receive")
    @PreAuthorize(CHANGE)
    String receive(@PathVariable String accession, Model model, RedirectAttributes flash) {
        return act(accession, model, flash, () -> "Received " + specimens.receive(accession).accession());
    }

    @PostMapping("/{accession}/reject")
    @PreAuthorize(CHANGE)
    String reject(@PathVariable String accession, @RequestParam(required = false) String reason,
                  @RequestParam(required = false) String comment, Model model, RedirectAttributes flash) {
        return act(accession, model, flash, () -> {
            Specimen s = specimens.reject(accession, parseReason(reason), comment);
            return "Rejected " + s.accession() + ": " + s.rejectionReason().display()
                    + ". Results of this tube will not be released.";
        });
    }

    @PostMapping("/{accession}/recollect")
    @PreAuthorize(CHANGE)
    String recollect(@PathVariable String accession, Model model, RedirectAttributes flash) {
        try {
            Specimen s = specimens.recollect(accession);
            flash.addFlashAttribute("message", "Recollection " + s.accession() + " planned for the tests of "
                    + accession + "; print its label.");
            return redirect(s.accession());
        } catch (InvalidInputException | ConflictException e) {
            return showWithError(accession, e.getMessage(), model);
        }
    }

    @PostMapping("/{accession}/aliquot")
    @PreAuthorize(CHANGE)
    String aliquot(@PathVariable String accession, @RequestParam(name = "tests", required = false) List<String> tests,
                   Model model, RedirectAttributes flash) {
        try {
            Specimen s = specimens.aliquot(accession, tests == null ? List.of() : tests);
            flash.addFlashAttribute("message", "Aliquot " + s.accession() + " poured from " + accession + " for "
                    + s.tests().stream().map(Specimen.SpecimenTest::testCode).toList() + "; print its label.");
            return redirect(s.accession());
        } catch (InvalidInputException | ConflictException e) {
            return showWithError(accession, e.getMessage(), model);
        }
    }

    private interface Action {
        String run();
    }

    /** Runs a change; a refusal re-shows the accession screen with the reason instead of an error page. */
    private String act(String accession, Model model, RedirectAttributes flash, Action action) {
        try {
            flash.addFlashAttribute("message", action.run());
            return redirect(accession);
        } catch (InvalidInputException | ConflictException e) {
            return showWithError(accession, e.getMessage(), model);
        }
    }

    private String showWithError(String accession, String error, Model model) {
        model.addAttribute("error", error);
        return show(accession, model);
    }

    private static String redirect(String accession) {
        return "redirect:/specimens/" + UriUtils.encodePathSegment(accession, java.nio.charset.StandardCharsets.UTF_8);
    }

    static SpecimenStatus parseStatus(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return SpecimenStatus.valueOf(status.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "Unknown specimen status '" + status + "': use one of "
                    + Arrays.toString(SpecimenStatus.values()));
        }
    }

    static RejectionReason parseReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "Choose a rejection reason");
        }
        try {
            return RejectionReason.valueOf(reason.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("reason", "Unknown rejection reason '" + reason + "': use one of "
                    + Arrays.toString(RejectionReason.values()));
        }
    }
}
