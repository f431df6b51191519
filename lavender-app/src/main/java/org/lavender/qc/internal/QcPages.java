package org.lavender.qc.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.Instruments;
import org.lavender.qc.ControlLot;
import org.lavender.qc.NewControlLot;
import org.lavender.qc.NewQcTarget;
import org.lavender.qc.QcEntry;
import org.lavender.qc.QcLockout;
import org.lavender.qc.QcTarget;
import org.lavender.qc.QcValue;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * QC pages: overview with lockouts and rule sets, control lots and targets, manual QC entry, QC values with their
 * violations, Levey-Jennings charts (SVG) and the monthly PDF, lockouts with corrective action and the patient
 * results to review, unfiled analyzer QC, and the bench banner.
 */
@Controller
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
class QcPages {

    private static final int PAGE = 50;
    private static final int AFFECTED_LIMIT = 500;

    private final QcService qc;
    private final QcCharts charts;
    private final Catalog catalog;
    private final Instruments instruments;
    private final Clock clock;

    QcPages(QcService qc, QcCharts charts, Catalog catalog, Instruments instruments, Clock clock) {
        this.qc = qc;
        this.charts = charts;
        this.catalog = catalog;
        this.instruments = instruments;
        this.clock = clock;
    }

    /** A series as the pages show it: test code and analyzer ("" for the manual method). */
    record SeriesView(String testCode, String testName, String analyzer, String rules) {
        public String where() {
            return analyzer.isEmpty() ? "manual method" : analyzer;
        }
    }

    @GetMapping("/qc")
    String overview(Model model) {
        var series = new ArrayList<SeriesView>();
        var rules = qc.allRules();
        for (String[] s : qc.series()) {
            series.add(new SeriesView(s[0], catalog.test(s[0]).map(TestDefinition::name).orElse(s[0]), s[1],
                    rules.getOrDefault(s[0], RuleSet.DEFAULT.text())));
        }
        model.addAttribute("series", series);
        model.addAttribute("lockouts", qc.openLockouts());
        model.addAttribute("unfiled", qc.unfiled(null, 1).size());
        model.addAttribute("rules", rules);
        model.addAttribute("defaultRules", RuleSet.DEFAULT.text());
        model.addAttribute("zone", clock.getZone());
        return "qc/overview";
    }

    @PostMapping("/qc/rules")
    String rules(@RequestParam String testCode, @RequestParam(required = false) String rules,
                 @RequestParam(required = false) String sigma, RedirectAttributes redirect) {
        try {
            String set = qc.setRules(testCode, rules, decimal(sigma, "sigma"));
            redirect.addFlashAttribute("message", "Westgard rules for " + testCode.strip() + ": " + set);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/qc";
    }

    // --- lots and targets ---

    @GetMapping("/qc/lots")
    String lots(Model model) {
        model.addAttribute("lots", qc.lots());
        model.addAttribute("today", LocalDate.now(clock));
        return "qc/lots";
    }

    @PostMapping("/qc/lots")
    String createLot(@RequestParam(required = false) String lotNumber, @RequestParam(required = false) String material,
                     @RequestParam(required = false) String manufacturer, @RequestParam(required = false) String level,
                     @RequestParam(required = false) String expiresOn,
                     @RequestParam(required = false) String openVialDays,
                     @RequestParam(required = false) String vialOpenedOn, Model model, RedirectAttributes redirect) {
        try {
            ControlLot lot = qc.createLot(new NewControlLot(lotNumber, material, manufacturer, level,
                    date(expiresOn, "expiresOn"), integer(openVialDays), date(vialOpenedOn, "vialOpenedOn")));
            redirect.addFlashAttribute("message", "Control lot " + lot.lotNumber() + " added; now set its targets");
            return "redirect:/qc/lots/" + lot.id();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", new NewControlLot(lotNumber, material, manufacturer, level, null, null, null));
            return lots(model);
        }
    }

    @GetMapping("/qc/lots/{id}")
    String lot(@PathVariable long id, Model model) {
        ControlLot lot = qc.lot(id).orElseThrow(() -> new NotFoundException("Control lot", id));
        model.addAttribute("lot", lot);
        model.addAttribute("targets", qc.targets(id));
        model.addAttribute("analyzers", instruments.analyzers());
        return "qc/lot";
    }

    @PostMapping("/qc/lots/{id}")
    String updateLot(@PathVariable long id, @RequestParam int version, @RequestParam(required = false) String lotNumber,
                     @RequestParam(required = false) String material,
                     @RequestParam(required = false) String manufacturer, @RequestParam(required = false) String level,
                     @RequestParam(required = false) String expiresOn,
                     @RequestParam(required = false) String openVialDays,
                     @RequestParam(required = false) String vialOpenedOn, RedirectAttributes redirect) {
        try {
            ControlLot lot = qc.updateLot(id, version, new NewControlLot(lotNumber, material, manufacturer, level,
                    date(expiresOn, "expiresOn"), integer(openVialDays), date(vialOpenedOn, "vialOpenedOn")));
            redirect.addFlashAttribute("message", "Control lot " + lot.lotNumber() + " saved");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/qc/lots/" + id;
    }

    @PostMapping("/qc/lots/{id}/targets")
    String target(@PathVariable long id, @RequestParam(required = false) String testCode,
                  @RequestParam(required = false) String analyzer, @RequestParam(required = false) String unit,
                  @RequestParam(required = false) String mean, @RequestParam(required = false) String sd,
                  @RequestParam(required = false) String source, RedirectAttributes redirect) {
        try {
            ControlLot lot = qc.lot(id).orElseThrow(() -> new NotFoundException("Control lot", id));
            QcTarget t = qc.setTarget(new NewQcTarget(lot.lotNumber(), testCode, analyzer, unit,
                    decimal(mean, "mean"), decimal(sd, "sd"), source));
            redirect.addFlashAttribute("message", "Target for " + t.testCode() + " on "
                    + QcService.where(t.analyzer()) + ": mean " + t.mean().toPlainString() + ", SD "
                    + t.sd().toPlainString() + " " + t.unit());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/qc/lots/" + id;
    }

    // --- manual entry ---

    @GetMapping("/qc/entry")
    String entry(@RequestParam(required = false) String test, @RequestParam(required = false) String analyzer,
                 Model model) {
        model.addAttribute("series", qc.series());
        model.addAttribute("test", test);
        model.addAttribute("analyzer", analyzer == null ? "" : analyzer);
        model.addAttribute("targets", test == null || test.isBlank() ? List.of()
                : qc.seriesTargets(test.strip(), analyzer));
        model.addAttribute("now", LocalDateTime.now(clock).withSecond(0).withNano(0));
        return "qc/entry";
    }

    @PostMapping("/qc/entry")
    String record(@RequestParam String test, @RequestParam(required = false) String analyzer,
                  @RequestParam(required = false) String measuredAt,
                  @RequestParam(name = "lot", required = false) List<String> lots,
                  @RequestParam(name = "value", required = false) List<String> values,
                  @RequestParam(required = false) String comment, Model model, RedirectAttributes redirect) {
        try {
            Instant at = measuredAt == null || measuredAt.isBlank() ? null : dateTime(measuredAt);
            var entries = new ArrayList<QcEntry>();
            for (int i = 0; lots != null && i < lots.size(); i++) {
                String v = values != null && i < values.size() ? values.get(i) : null;
                if (v != null && !v.isBlank()) {
                    entries.add(new QcEntry(lots.get(i), test, analyzer, v, null, at, comment));
                }
            }
            List<QcValue> recorded = qc.record(entries);
            boolean rejected = recorded.stream().anyMatch(QcValue::rejected);
            redirect.addFlashAttribute(rejected ? "error" : "message", (rejected ? "Run REJECTED: " : "QC recorded: ")
                    + recorded.stream().map(v -> v.lotNumber() + " " + v.value().toPlainString() + " " + v.outcome()
                    + (v.violations().isEmpty() ? "" : " (" + String.join("; ", v.violations()) + ")"))
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            return "redirect:/qc/results?test=" + test.strip();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return entry(test, analyzer, model);
        }
    }

    // --- values, charts ---

    @GetMapping("/qc/results")
    String values(@RequestParam(required = false) String test, @RequestParam(required = false) String analyzer,
                  @RequestParam(required = false) String outcome, @RequestParam(required = false) String cursor,
                  Model model) {
        List<QcValue> page = qc.recentValues(test, analyzer, outcome, cursor, PAGE + 1);
        String next = null;
        if (page.size() > PAGE) {
            page = page.subList(0, PAGE);
            next = QcService.cursorOf(page.get(PAGE - 1));
        }
        model.addAttribute("values", page);
        model.addAttribute("nextCursor", next);
        model.addAttribute("test", test);
        model.addAttribute("analyzer", analyzer);
        model.addAttribute("outcome", outcome);
        model.addAttribute("zone", clock.getZone());
        return "qc/results";
    }

    @GetMapping("/qc/chart")
    String chart(@RequestParam(required = false) String test, @RequestParam(required = false) String analyzer,
                 @RequestParam(required = false) Long lot, @RequestParam(required = false) String from,
                 @RequestParam(required = false) String to, Model model) {
        ZoneId zone = clock.getZone();
        LocalDate end = to == null || to.isBlank() ? LocalDate.now(clock) : date(to, "to");
        LocalDate start = from == null || from.isBlank() ? end.minusDays(30) : date(from, "from");
        long started = System.nanoTime();
        try {
            model.addAttribute("charts", charts.charts(test, analyzer, lot, start.atStartOfDay(zone).toInstant(),
                    end.plusDays(1).atStartOfDay(zone).toInstant()));
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("charts", List.of());
        }
        model.addAttribute("series", qc.series());
        model.addAttribute("test", test);
        model.addAttribute("analyzer", analyzer == null ? "" : analyzer);
        model.addAttribute("lot", lot);
        model.addAttribute("lots", test == null || test.isBlank() ? List.of()
                : qc.seriesTargets(test.strip(), analyzer));
        model.addAttribute("from", start);
        model.addAttribute("to", end);
        model.addAttribute("month", YearMonth.from(end));
        model.addAttribute("zone", zone);
        model.addAttribute("buildMillis", (System.nanoTime() - started) / 1_000_000);
        return "qc/chart";
    }

    @GetMapping("/qc/chart.pdf")
    ResponseEntity<byte[]> monthlyPdf(@RequestParam String test, @RequestParam(required = false) String analyzer,
                                      @RequestParam(required = false) String month) {
        YearMonth m;
        try {
            m = month == null || month.isBlank() ? YearMonth.now(clock) : YearMonth.parse(month.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("month", "Month is YYYY-MM, not '" + month + "'");
        }
        byte[] pdf = charts.monthlyPdf(test, analyzer, m);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("qc-" + test.strip() + "-" + m + ".pdf").build().toString())
                .body(pdf);
    }

    // --- lockouts ---

    @GetMapping("/qc/lockouts")
    String lockouts(@RequestParam(required = false) Long before, Model model) {
        List<QcLockout> ended = qc.endedLockouts(before, PAGE + 1);
        Long next = null;
        if (ended.size() > PAGE) {
            ended = ended.subList(0, PAGE);
            next = ended.get(PAGE - 1).id();
        }
        model.addAttribute("open", before == null ? qc.openLockouts() : List.of());
        model.addAttribute("ended", ended);
        model.addAttribute("next", next);
        model.addAttribute("zone", clock.getZone());
        return "qc/lockouts";
    }

    @GetMapping("/qc/lockouts/{id}")
    String lockout(@PathVariable long id, Model model) {
        QcLockout lockout = qc.lockout(id).orElseThrow(() -> new NotFoundException("QC lockout", id));
        var affected = qc.affectedResults(lockout, AFFECTED_LIMIT + 1);
        model.addAttribute("lockout", lockout);
        model.addAttribute("affected", affected.size() > AFFECTED_LIMIT ? affected.subList(0, AFFECTED_LIMIT) : affected);
        model.addAttribute("more", affected.size() > AFFECTED_LIMIT);
        model.addAttribute("where", QcService.where(lockout.analyzer()));
        model.addAttribute("zone", clock.getZone());
        return "qc/lockout";
    }

    @PostMapping("/qc/lockouts/{id}/actions")
    String correctiveAction(@PathVariable long id, @RequestParam(required = false) String action,
                            @RequestParam(required = false) String performedBy, RedirectAttributes redirect) {
        try {
            QcLockout l = qc.recordCorrectiveAction(id, action, performedBy);
            redirect.addFlashAttribute("message", l.open()
                    ? "Corrective action recorded; the lockout ends with an accepted QC run after the rejection"
                    : "Corrective action recorded and QC accepted: " + l.testCode() + " on "
                    + QcService.where(l.analyzer()) + " is back in control. Review the patient results below.");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/qc/lockouts/" + id;
    }

    // --- unfiled analyzer QC ---

    @GetMapping("/qc/unfiled")
    String unfiled(@RequestParam(required = false) Long before, Model model) {
        List<QcRepository.Unfiled> page = qc.unfiled(before, PAGE + 1);
        Long next = null;
        if (page.size() > PAGE) {
            page = page.subList(0, PAGE);
            next = page.get(PAGE - 1).id();
        }
        model.addAttribute("unfiled", page);
        model.addAttribute("next", next);
        model.addAttribute("zone", clock.getZone());
        return "qc/unfiled";
    }

    @PostMapping("/qc/unfiled/{id}/file")
    String file(@PathVariable long id, RedirectAttributes redirect) {
        try {
            QcValue v = qc.refile(id);
            redirect.addFlashAttribute("message", "Filed: " + v.lotNumber() + " " + v.testCode() + " "
                    + v.value().toPlainString() + " " + v.outcome());
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/qc/unfiled";
    }

    /** The bench banner (worklist, verification): out-of-control tests on their analyzers, or nothing. */
    @GetMapping("/qc/banner")
    String banner(Model model, HttpServletResponse response) {
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        model.addAttribute("lockouts", qc.openLockouts());
        return "qc/banner :: banner";
    }

    // --- form parsing ---

    private static BigDecimal decimal(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a number");
        }
    }

    private static Integer integer(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("openVialDays", "'" + text + "' is not a whole number of days");
        }
    }

    private static LocalDate date(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    private Instant dateTime(String text) {
        try {
            return LocalDateTime.parse(text.strip()).atZone(clock.getZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("measuredAt", "'" + text + "' is not a date and time");
        }
    }
}
