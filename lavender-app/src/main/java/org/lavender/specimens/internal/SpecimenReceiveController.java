package org.lavender.specimens.internal;

import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The receiving bench: a scanner is a keyboard that types the accession and Enter. Each scan answers with one line
 * for the running list, green when received and red (with the reason) when unknown, rejected, cancelled or a
 * duplicate, so the technician can keep scanning without looking away from the rack.
 */
@Controller
@RequestMapping("/specimens/receive")
class SpecimenReceiveController {

    private final Specimens specimens;
    private final SpecimenViews views;

    SpecimenReceiveController(Specimens specimens, SpecimenViews views) {
        this.specimens = specimens;
        this.views = views;
    }

    @GetMapping
    String page() {
        return "specimens/receive";
    }

    @PostMapping
    @PreAuthorize(SpecimenPageController.CHANGE)
    String scan(@RequestParam(required = false) String accession, Model model) {
        String scanned = accession == null ? "" : accession.strip();
        model.addAttribute("scanned", scanned);
        if (scanned.isEmpty()) {
            model.addAttribute("error", "Nothing was scanned");
            return "specimens/receive :: line";
        }
        try {
            Specimen s = specimens.receive(scanned);
            model.addAttribute("row", views.rows(java.util.List.of(s)).get(0));
            model.addAttribute("at", views.format(s.receivedAt()));
        } catch (NotFoundException | ConflictException | InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
        }
        return "specimens/receive :: line";
    }
}
