package org.lavender.results.internal;

import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** INR: the thromboplastin lots (ISI, mean normal PT) and the switch for calculating INR from PT. */
@Controller
class InrPages {

    private final ThromboplastinLots lots;

    InrPages(ThromboplastinLots lots) {
        this.lots = lots;
    }

    @GetMapping("/results/inr")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    String page(Model model) {
        model.addAttribute("lots", lots.lots());
        model.addAttribute("calculating", lots.calculating());
        return "results/inr";
    }

    @PostMapping("/results/inr/lots")
    @PreAuthorize("hasRole('ADMIN')")
    String start(@RequestParam(required = false) String lotNumber, @RequestParam(required = false) String analyzer,
                 @RequestParam(required = false) String isi, @RequestParam(required = false) String mnpt,
                 Model model, RedirectAttributes redirect) {
        try {
            var lot = lots.start(lotNumber, analyzer, isi, mnpt);
            redirect.addFlashAttribute("message", "Thromboplastin lot " + lot.lotNumber() + " in use");
            return "redirect:/results/inr";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return page(model);
        }
    }

    @PostMapping("/results/inr/calculation")
    @PreAuthorize("hasRole('ADMIN')")
    String calculate(@RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            lots.calculate(enabled);
            redirect.addFlashAttribute("message", "INR calculation " + (enabled ? "on" : "off"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/inr";
    }
}
