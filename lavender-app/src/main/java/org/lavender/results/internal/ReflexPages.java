package org.lavender.results.internal;

import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The reflex rules: list, add, switch on or off (administrators change them; verifiers may look). */
@Controller
class ReflexPages {

    private final ReflexTesting reflex;

    ReflexPages(ReflexTesting reflex) {
        this.reflex = reflex;
    }

    @GetMapping("/results/reflex")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    String page(Model model) {
        model.addAttribute("rules", reflex.rules());
        return "results/reflex";
    }

    @PostMapping("/results/reflex")
    @PreAuthorize("hasRole('ADMIN')")
    String add(@RequestParam(required = false) String testCode, @RequestParam(required = false) String condition,
               @RequestParam(required = false) String comparator, @RequestParam(required = false) String threshold,
               @RequestParam(required = false) String flags, @RequestParam(required = false) String answer,
               @RequestParam(required = false) String reflexTest, @RequestParam(required = false) String note,
               Model model, RedirectAttributes redirect) {
        try {
            ReflexRule rule = reflex.add(ReflexRule.define(testCode, condition, comparator, threshold, flags, answer,
                    reflexTest, note));
            redirect.addFlashAttribute("message", "Reflex rule " + rule.id() + " added: " + rule.describe());
            return "redirect:/results/reflex";
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("rules", reflex.rules());
            model.addAttribute("form", new Form(testCode, condition, comparator, threshold, flags, answer, reflexTest,
                    note));
            return "results/reflex";
        }
    }

    @PostMapping("/results/reflex/{id}/enabled")
    @PreAuthorize("hasRole('ADMIN')")
    String enable(@PathVariable long id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        try {
            ReflexRule rule = reflex.setEnabled(id, enabled);
            redirect.addFlashAttribute("message", "Reflex rule " + id + " " + (enabled ? "enabled" : "disabled")
                    + ": " + rule.describe());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/reflex";
    }

    /** What was typed, shown again with the error. */
    record Form(String testCode, String condition, String comparator, String threshold, String flags, String answer,
                String reflexTest, String note) {
    }
}
