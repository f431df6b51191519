package org.lavender.results.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
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

/**
 * Per-test rules: autoverification limits, stability, AMR, possible range, delta check and serum index limits
 * (verifiers and admins see them; serum index settings are changed by admins).
 */
@Controller
@PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
class TestRulePages {

    /** The serum index limits as typed on a test's form. */
    record IndexForm(String hemolysis, String icterus, String lipemia) {
    }

    private final TestRuleSettings settings;
    private final SerumIndexSettings indices;
    private final Catalog catalog;

    TestRulePages(TestRuleSettings settings, SerumIndexSettings indices, Catalog catalog) {
        this.settings = settings;
        this.indices = indices;
        this.catalog = catalog;
    }

    @GetMapping("/results/rules")
    String list(@RequestParam(required = false) String section, Model model) {
        String chosen = section == null || section.isBlank() ? "CHEM" : section.strip();
        List<TestRuleSettings.Settings> rows = settings.ofSection(chosen);
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("section", chosen);
        model.addAttribute("rows", rows);
        model.addAttribute("carriers", indices.carriers());
        model.addAttribute("kinds", SerumIndex.values());
        Map<String, String> limits = indices.allLimits().stream()
                .collect(Collectors.toMap(SerumIndexSettings.TestLimits::testCode, SerumIndexSettings.TestLimits::text));
        model.addAttribute("indexLimits", limits);
        return "results/rules";
    }

    @PostMapping("/results/rules/indices/carrier")
    @PreAuthorize("hasRole('ADMIN')")
    String carrier(@RequestParam(required = false) String kind, @RequestParam(required = false) String testCode,
                   @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            SerumIndexSettings.Carrier saved = indices.setCarrier(kind, testCode, reason);
            redirect.addFlashAttribute("message", saved.testCode() == null
                    ? "No test carries the " + saved.label() + " index now"
                    : saved.testCode() + " carries the " + saved.label() + " index");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/rules";
    }

    @GetMapping("/results/rules/{testCode}")
    String edit(@PathVariable String testCode, Model model, RedirectAttributes redirect) {
        try {
            TestRuleSettings.Settings s = settings.of(testCode);
            model.addAttribute("settings", s);
            model.addAttribute("form", form(s));
            indexLimits(s.testCode(), model);
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
            TestRuleSettings.Settings current = settings.of(testCode);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("settings", current);
            model.addAttribute("form", form);
            model.addAttribute("reason", reason);
            indexLimits(current.testCode(), model);
            return "results/rule-edit";
        }
    }

    @PostMapping("/results/rules/{testCode}/indices")
    @PreAuthorize("hasRole('ADMIN')")
    String saveIndices(@PathVariable String testCode, IndexForm indexForm,
                       @RequestParam(required = false) String indexReason, Model model, RedirectAttributes redirect) {
        try {
            SerumIndexSettings.TestLimits saved = indices.setLimits(testCode, indexForm.hemolysis(),
                    indexForm.icterus(), indexForm.lipemia(), indexReason);
            redirect.addFlashAttribute("message", "Serum index limits of " + saved.testCode() + " saved: "
                    + saved.text());
            return "redirect:/results/rules/" + saved.testCode();
        } catch (InvalidInputException e) {
            TestRuleSettings.Settings current = settings.of(testCode);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("settings", current);
            model.addAttribute("form", form(current));
            model.addAttribute("indexLimits", indices.limitsOf(current.testCode()));
            model.addAttribute("indexForm", indexForm);
            model.addAttribute("indexReason", indexReason);
            return "results/rule-edit";
        }
    }

    /** The test's serum index limits, and the form showing them. */
    private void indexLimits(String testCode, Model model) {
        SerumIndexSettings.TestLimits limits = indices.limitsOf(testCode);
        model.addAttribute("indexLimits", limits);
        model.addAttribute("indexForm", new IndexForm(limits.limits().typed(SerumIndex.H),
                limits.limits().typed(SerumIndex.I), limits.limits().typed(SerumIndex.L)));
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
