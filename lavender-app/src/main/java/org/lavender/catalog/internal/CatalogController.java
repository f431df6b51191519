package org.lavender.catalog.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Catalog pages: everyone signed in may look; only an administrator edits (and must give a reason). */
@Controller
@RequestMapping("/catalog")
class CatalogController {

    static final int PAGE_SIZE = 50;

    /** The test form's fields as shown: the stored test, or what was submitted when it was refused. */
    record TestForm(int version, String name, String unit, String decimals, String specimenType, String containerCode,
                    String answers, String abnormalAnswers, boolean active, String reason) {

        static TestForm of(TestRow row) {
            TestDefinition t = row.definition();
            return new TestForm(row.version(), t.name(), t.unit(), t.decimals() == null ? "" : t.decimals().toString(),
                    t.specimenType(), t.containerCode(), String.join(", ", t.answers()),
                    String.join(", ", t.abnormalAnswers()), t.active(), "");
        }
    }

    /** The interval form's fields; {@code replaces} is set when the form makes a new version of a band. */
    record IntervalForm(Long replaces, String analyzer, String sex, String ageFrom, String ageTo, String low,
                        String high, String criticalLow, String criticalHigh, boolean criticalInclusive,
                        String reason) {

        static IntervalForm empty() {
            return new IntervalForm(null, "", "A", "0", "", "", "", "", "", false, "");
        }

        static IntervalForm of(IntervalBand b) {
            return new IntervalForm(b.id(), b.analyzer() == null ? "" : b.analyzer(), b.sex(), b.ageFromDays() + "d",
                    b.ageToDays() == null ? "" : b.ageToDays() + "d", text(b.low()), text(b.high()),
                    text(b.criticalLow()), text(b.criticalHigh()), b.criticalInclusive(), "");
        }

        private static String text(BigDecimal v) {
            return v == null ? "" : v.toPlainString();
        }
    }

    private final JdbcCatalog catalog;
    private final CatalogAdministration administration;
    private final Clock clock;

    CatalogController(JdbcCatalog catalog, CatalogAdministration administration, Clock clock) {
        this.catalog = catalog;
        this.administration = administration;
        this.clock = clock;
    }

    /** Tests by code, keyset-paginated (cursor = last code shown), filtered by section and text. */
    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String section,
                @RequestParam(required = false) String after, Model model) {
        CatalogSnapshot s = catalog.snapshot();
        String needle = q == null ? "" : q.trim().toLowerCase(Locale.ROOT);
        List<TestRow> rows = s.tests()
                .filter(t -> section == null || section.isBlank() || t.definition().section().equals(section))
                .filter(t -> needle.isEmpty() || t.code().toLowerCase(Locale.ROOT).contains(needle)
                        || t.definition().loinc() != null && t.definition().loinc().contains(needle)
                        || t.definition().name().toLowerCase(Locale.ROOT).contains(needle))
                .filter(t -> after == null || after.isBlank() || t.code().compareTo(after) > 0)
                .sorted(Comparator.comparing(TestRow::code))
                .limit(PAGE_SIZE + 1L)
                .toList();
        boolean more = rows.size() > PAGE_SIZE;
        List<TestRow> page = more ? rows.subList(0, PAGE_SIZE) : rows;
        model.addAttribute("tests", page);
        model.addAttribute("next", more ? page.get(page.size() - 1).code() : null);
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("section", section == null ? "" : section);
        model.addAttribute("sections", s.sections().values());
        model.addAttribute("containers", s.containers());
        model.addAttribute("panels", s.panelsByCode().values());
        return "catalog/list";
    }

    /** The new-test form as shown: empty, or what was submitted when it was refused. */
    record NewTestForm(String code, String loinc, String name, String section, String resultType, String unit,
                       String decimals, String specimenType, String containerCode, String answers,
                       String abnormalAnswers, String reason) {
        static NewTestForm empty() {
            return new NewTestForm("", "", "", "", "NUMERIC", "", "", "serum", "", "", "", "");
        }
    }

    @GetMapping("/tests/new")
    @PreAuthorize("hasRole('ADMIN')")
    String newTest(Model model) {
        return newTestPage(NewTestForm.empty(), model);
    }

    @PostMapping("/tests")
    @PreAuthorize("hasRole('ADMIN')")
    String createTest(NewTestForm form, Model model, RedirectAttributes redirect, HttpServletResponse response) {
        TestDefinition created;
        try {
            created = administration.createTest(new NewTest(form.code(), form.loinc(), form.name(), form.section(),
                    resultType(form.resultType()), form.unit(), integer("decimals", form.decimals()),
                    form.specimenType(), form.containerCode(), list(form.answers()), list(form.abnormalAnswers()),
                    form.reason()));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("error", e.getMessage());
            return newTestPage(form, model);
        }
        redirect.addFlashAttribute("message", "Test " + created.code() + " added. Enter its reference intervals"
                + " below: until then its results are not flagged.");
        return "redirect:/catalog/tests/" + created.code();
    }

    private String newTestPage(NewTestForm form, Model model) {
        CatalogSnapshot s = catalog.snapshot();
        model.addAttribute("form", form);
        model.addAttribute("sections", s.sections().values());
        model.addAttribute("containers", catalog.containers());
        model.addAttribute("resultTypes", ResultType.values());
        return "catalog/new";
    }

    private static ResultType resultType(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return ResultType.valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("resultType", "Unknown result type '" + text + "'");
        }
    }

    @GetMapping("/tests/{code}")
    String test(@PathVariable String code, @RequestParam(required = false) Long replace, Model model) {
        TestRow row = row(code);
        IntervalForm intervalForm = IntervalForm.empty();
        if (replace != null) {
            intervalForm = catalog.snapshot().bands(row.id()).stream().filter(b -> b.id() == replace).findFirst()
                    .map(IntervalForm::of)
                    .orElseThrow(() -> new NotFoundException("Reference interval", replace + " of test " + code));
        }
        return detail(row, TestForm.of(row), intervalForm, model);
    }

    @PostMapping("/tests/{code}")
    @PreAuthorize("hasRole('ADMIN')")
    String editTest(@PathVariable String code, @RequestParam int version, @RequestParam String name,
                    @RequestParam(required = false) String unit, @RequestParam(required = false) String decimals,
                    @RequestParam String specimenType, @RequestParam String containerCode,
                    @RequestParam(required = false) String answers,
                    @RequestParam(required = false) String abnormalAnswers,
                    @RequestParam(defaultValue = "false") boolean active, @RequestParam(required = false) String reason,
                    Model model, RedirectAttributes redirect, HttpServletResponse response) {
        TestForm form = new TestForm(version, name, unit, decimals, specimenType, containerCode, answers,
                abnormalAnswers, active, reason);
        try {
            administration.editTest(code, new TestEdit(version, name, unit, integer("decimals", decimals),
                    specimenType, containerCode, list(answers), list(abnormalAnswers), active, reason));
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("error", e.getMessage());
            return detail(row(code), form, IntervalForm.empty(), model);
        }
        redirect.addFlashAttribute("message", "Test " + code + " saved.");
        return "redirect:/catalog/tests/" + row(code).code();
    }

    @PostMapping("/tests/{code}/intervals")
    @PreAuthorize("hasRole('ADMIN')")
    String saveInterval(@PathVariable String code, @RequestParam(required = false) Long replaces,
                        @RequestParam(required = false) String analyzer, @RequestParam(defaultValue = "A") String sex,
                        @RequestParam(required = false) String ageFrom,
                        @RequestParam(required = false) String ageTo, @RequestParam(required = false) String low,
                        @RequestParam(required = false) String high,
                        @RequestParam(required = false) String criticalLow,
                        @RequestParam(required = false) String criticalHigh,
                        @RequestParam(defaultValue = "false") boolean criticalInclusive,
                        @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
                        HttpServletResponse response) {
        IntervalForm form = new IntervalForm(replaces, analyzer, sex, ageFrom, ageTo, low, high, criticalLow,
                criticalHigh, criticalInclusive, reason);
        long id;
        try {
            Integer from = AgeBands.parse("ageFrom", ageFrom);
            IntervalDraft draft = new IntervalDraft(analyzer, sex.trim().toUpperCase(Locale.ROOT),
                    from == null ? 0 : from, AgeBands.parse("ageTo", ageTo), decimal("low", low), decimal("high", high),
                    decimal("criticalLow", criticalLow), decimal("criticalHigh", criticalHigh), criticalInclusive);
            id = administration.saveInterval(code, replaces, draft, reason);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("error", e.getMessage());
            TestRow row = row(code);
            return detail(row, TestForm.of(row), form, model);
        }
        redirect.addFlashAttribute("message", replaces == null ? "Reference interval #" + id + " added."
                : "Reference interval #" + replaces + " replaced by #" + id + ".");
        return "redirect:/catalog/tests/" + row(code).code();
    }

    @PostMapping("/tests/{code}/intervals/{id}/end")
    @PreAuthorize("hasRole('ADMIN')")
    String endInterval(@PathVariable String code, @PathVariable long id,
                       @RequestParam(required = false) String reason, Model model, RedirectAttributes redirect,
                       HttpServletResponse response) {
        try {
            administration.endInterval(code, id, reason);
        } catch (InvalidInputException e) {
            response.setStatus(422);
            model.addAttribute("error", "Reference interval #" + id + " not ended: " + e.getMessage());
            TestRow row = row(code);
            return detail(row, TestForm.of(row), IntervalForm.empty(), model);
        }
        redirect.addFlashAttribute("message", "Reference interval #" + id + " end-dated.");
        return "redirect:/catalog/tests/" + row(code).code();
    }

    private String detail(TestRow row, TestForm form, IntervalForm intervalForm, Model model) {
        CatalogSnapshot s = catalog.snapshot();
        Instant now = clock.instant();
        List<IntervalBand> bands = s.bands(row.id());
        model.addAttribute("test", row.definition());
        model.addAttribute("row", row);
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("form", form);
        model.addAttribute("intervalForm", intervalForm);
        model.addAttribute("current", bands.stream().filter(b -> b.current(now))
                .sorted(Comparator.comparing((IntervalBand b) -> b.analyzer() != null)
                        .thenComparing(b -> b.analyzer() == null ? "" : b.analyzer())
                        .thenComparing(IntervalBand::sex).thenComparingInt(IntervalBand::ageFromDays)).toList());
        model.addAttribute("history", bands.stream().filter(b -> !b.current(now))
                .sorted(Comparator.comparing(IntervalBand::effectiveTo).reversed()).toList());
        model.addAttribute("containers", s.containers().values());
        ContainerType container = s.containers().get(row.definition().containerCode());
        model.addAttribute("container", container);
        model.addAttribute("section", s.sections().get(row.definition().section()));
        model.addAttribute("inPanels", s.panelsByCode().values().stream()
                .filter(p -> p.tests().stream().anyMatch(t -> t.id() == row.id())).map(Orderable::code).toList());
        return "catalog/test";
    }

    private TestRow row(String code) {
        return catalog.snapshot().test(code).orElseThrow(() -> new NotFoundException("Test", code));
    }

    private static List<String> list(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,\\n]")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static Integer integer(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a whole number");
        }
    }

    private static BigDecimal decimal(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a number (use a point for decimals)");
        }
    }
}
