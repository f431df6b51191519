package org.lavender.results.internal;

import java.util.List;
import org.lavender.catalog.Catalog;
import org.lavender.shared.InvalidInputException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Per-test rules: autoverification limits, stability, AMR, possible range and delta check (verifiers, admins). */
@Controller
@PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
class TestRulePages {

    private final TestRuleSettings settings;
    private final Catalog catalog;

    TestRulePages(TestRuleSettings settings, Catalog catalog) {
        this.settings = settings;
        this.catalog = catalog;
    }

    @GetMapping("/results/rules")
    String list(@RequestParam(required = false) String section, Model model) {
        String chosen = section == null || section.isBlank() ? "CHEM" : section.strip();
        List<TestRuleSettings.Settings> rows = settings.ofSection(chosen);
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("section", chosen);
        model.addAttribute("rows", rows);
        return "results/rules";
    }

    @GetMapping("/results/rules/{testCode}")
    String edit(@PathVariable String testCode, Model model, RedirectAttributes redirect) {
        try {
            TestRuleSettings.Settings s = settings.of(testCode);
            model.addAttribute("settings", s);
            model.addAttribute("form", form(s));
            return "results/rule-edit";
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/results/rules";
        }
    }

    @PostMapping("/results/rules/{testCode}")
    String save(@PathVariable String testCode, TestRuleSettings.Form form,
                @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect) {
        try {
            TestRuleSettings.Settings saved = settings.save(testCode, form, reason);
            redirect.addFlashAttribute("message", "Rules of " + saved.testCode() + " saved: " + saved.text());
            return "redirect:/results/rules/" + saved.testCode();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("settings", settings.of(testCode));
            model.addAttribute("form", form);
            model.addAttribute("reason", reason);
            return "results/rule-edit";
        }
    }

    private static TestRuleSettings.Form form(TestRuleSettings.Settings s) {
        DeltaRule d = s.delta();
        return new TestRuleSettings.Form(plain(s.autoLow()), plain(s.autoHigh()),
                s.stabilityHours() == null ? "" : s.stabilityHours().toString(), plain(s.amrLow()), plain(s.amrHigh()),
                plain(s.possibleLow()), plain(s.possibleHigh()), d == null ? "NONE" : d.method().name(),
                d == null ? "" : plain(d.limit()), d == null ? "" : Integer.toString(d.windowHours()));
    }

    private static String plain(java.math.BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
