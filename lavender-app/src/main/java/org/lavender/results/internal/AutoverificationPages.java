package org.lavender.results.internal;

import org.lavender.catalog.Catalog;
import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Autoverification switches per section/test, and the rule simulator to run before switching on. */
@Controller
class AutoverificationPages {

    private final AutoverificationSettings settings;
    private final RuleSimulator simulator;
    private final Catalog catalog;

    AutoverificationPages(AutoverificationSettings settings, RuleSimulator simulator, Catalog catalog) {
        this.settings = settings;
        this.simulator = simulator;
        this.catalog = catalog;
    }

    @GetMapping("/results/autoverification")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    String page(@RequestParam(required = false) Integer days, @RequestParam(required = false) String section,
                Model model) {
        model.addAttribute("scopes", settings.scopes());
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("rules", AutoverificationRules.DEFAULT.stream().map(AutoverificationRules.Rule::name).toList());
        model.addAttribute("ruleSet", AutoverificationRules.VERSION);
        model.addAttribute("days", days == null ? 7 : days);
        model.addAttribute("section", section);
        if (days != null) {
            try {
                model.addAttribute("simulation", simulator.simulate(days, section));
            } catch (InvalidInputException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "results/autoverification";
    }

    @PostMapping("/results/autoverification/scope")
    String set(@RequestParam String scopeType, @RequestParam String code,
               @RequestParam(defaultValue = "false") boolean enabled, RedirectAttributes redirect) {
        try {
            var scope = settings.set(scopeType, code, enabled);
            redirect.addFlashAttribute("message", "Autoverification " + (scope.enabled() ? "on" : "off") + " for "
                    + scope.scopeType().toLowerCase(java.util.Locale.ROOT) + " " + scope.code());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/autoverification";
    }
}
