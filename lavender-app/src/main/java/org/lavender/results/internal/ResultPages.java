package org.lavender.results.internal;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Bench pages: worklist entry, verification queue, result detail with history, patient cumulative view. */
@Controller
class ResultPages {

    private static final int PAGE = 25;

    private final ResultService results;
    private final Worklist worklist;
    private final Catalog catalog;
    private final Patients patients;
    private final AuditLog audit;
    private final ZoneId zone;

    private final ResultIntelligence intelligence;
    private final CriticalCalls criticalCalls;
    private final CommentCodes comments;
    private final VerificationRepository verification;
    private final VerificationPolicies policies;
    private final ReflexTesting reflex;

    ResultPages(ResultService results, Worklist worklist, Catalog catalog, Patients patients, AuditLog audit,
                java.time.Clock clock, ResultIntelligence intelligence, CriticalCalls criticalCalls,
                CommentCodes comments, VerificationRepository verification, VerificationPolicies policies,
                ReflexTesting reflex) {
        this.comments = comments;
        this.verification = verification;
        this.policies = policies;
        this.reflex = reflex;
        this.intelligence = intelligence;
        this.criticalCalls = criticalCalls;
        this.results = results;
        this.worklist = worklist;
        this.catalog = catalog;
        this.patients = patients;
        this.audit = audit;
        this.zone = clock.getZone();
    }

    @GetMapping("/results/worklist")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    String worklist(@RequestParam(defaultValue = "CHEM") String section, @RequestParam(required = false) String cursor,
                    Model model) {
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("section", section);
        Worklist.Page page = worklist.page(section, ResultService.OPEN, cursor, PAGE);
        model.addAttribute("page", page);
        // Rerun and dilution requests are shown beside the result they sent back.
        model.addAttribute("checks", intelligence.checks(page.tubes().stream()
                .flatMap(t -> t.results().stream()).map(LabResult::id).toList()));
        model.addAttribute("commentCodes", comments.list());
        model.addAttribute("zone", zone);
        return "results/worklist";
    }

    /** One value from the worklist (htmx): answers with the re-rendered cell, flag or error included. */
    @PostMapping("/results/{id}/value")
    String enter(@PathVariable long id, @RequestParam String value, @RequestParam(required = false) String comment,
                 @RequestParam(required = false) String commentCode, Model model) {
        model.addAttribute("commentCodes", comments.list());
        try {
            model.addAttribute("r", results.enter(id, value, comments.compose(commentCode, comment)));
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("r", results.find(id).orElseThrow(() -> new NotFoundException("Result", id)));
            model.addAttribute("error", e.getMessage());
            model.addAttribute("entered", value);
        }
        return "results/fragments :: entry";
    }

    @GetMapping("/results/verification")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    String verification(@RequestParam(defaultValue = "CHEM") String section,
                        @RequestParam(required = false) String cursor, Model model) {
        model.addAttribute("sections", catalog.sections());
        model.addAttribute("section", section);
        Worklist.Page page = worklist.page(section, EnumSet.of(ResultStatus.PRELIMINARY), cursor, PAGE);
        model.addAttribute("page", page);
        // Delta (beside the previous value) and why autoverification held each result.
        model.addAttribute("checks", intelligence.checks(page.tubes().stream()
                .flatMap(t -> t.results().stream()).map(LabResult::id).toList()));
        model.addAttribute("analyzers", verification.analyzersWaiting(section));
        model.addAttribute("secondVerification", verification.secondVerification(section));
        model.addAttribute("zone", zone);
        return "results/verification";
    }

    /** Batch verification of an analyzer's run: every result it sent that waits in the section, one action. */
    @PostMapping("/results/verify-run")
    String verifyRun(@RequestParam String section, @RequestParam(required = false) String analyzer,
                     RedirectAttributes redirect) {
        try {
            var signed = results.verifyRun(section, analyzer);
            long released = signed.stream().filter(r -> r.status().released()).count();
            redirect.addFlashAttribute("message", signed.size() + " result(s) from " + analyzer + " verified: "
                    + released + " released" + (released < signed.size() ? ", " + (signed.size() - released)
                    + " waiting for a second verifier" : ""));
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/verification?section=" + section;
    }

    /** Sends a value back to the bench for a rerun or a dilution. */
    @PostMapping("/results/{id}/rerun")
    String rerun(@PathVariable long id, @RequestParam(required = false) String kind,
                 @RequestParam(required = false) String note, RedirectAttributes redirect) {
        try {
            LabResult r = results.requestRerun(id, kind, note);
            redirect.addFlashAttribute("message", r.testName() + " on " + r.accession() + " sent back to the bench");
            return "redirect:/results/verification?section=" + r.section();
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/results/" + id;
        }
    }

    @PostMapping("/results/verification/policy")
    String policy(@RequestParam String section, @RequestParam(defaultValue = "false") boolean secondVerification,
                  RedirectAttributes redirect) {
        try {
            policies.secondVerification(section, secondVerification);
            redirect.addFlashAttribute("message", "Section " + section + ": "
                    + (secondVerification ? "second verification required" : "one verification"));
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/verification?section=" + section;
    }

    @PostMapping("/results/verify")
    String verify(@RequestParam(name = "id", required = false) List<Long> ids, @RequestParam String section,
                  RedirectAttributes redirect) {
        try {
            var released = results.verify(ids == null ? List.of() : ids);
            redirect.addFlashAttribute("message", released.size() + " result(s) verified and released");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/verification?section=" + section;
    }

    @GetMapping("/results/{id}")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    String detail(@PathVariable long id, Model model) {
        LabResult r = results.find(id).orElseThrow(() -> new NotFoundException("Result", id));
        model.addAttribute("r", r);
        model.addAttribute("patient", patients.find(r.patientId()).orElse(null));
        model.addAttribute("revisions", results.revisions(id));
        model.addAttribute("previous", results.previous(r, 10));
        model.addAttribute("trail", audit.history("result", Long.toString(id)));
        model.addAttribute("checks", intelligence.checks(List.of(id)).get(id));
        model.addAttribute("outcomes", intelligence.outcomes(id));
        model.addAttribute("criticalCalls", criticalCalls.forResult(id));
        model.addAttribute("reflexes", reflex.events(id));
        model.addAttribute("zone", zone);
        return "results/detail";
    }

    @PostMapping("/results/{id}/correct")
    String correct(@PathVariable long id, @RequestParam String value, @RequestParam String reason,
                   RedirectAttributes redirect) {
        try {
            results.correct(id, value, reason);
            redirect.addFlashAttribute("message", "Result corrected; the released value is kept in its history");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/results/" + id;
    }

    /** Cumulative view: one row per test, one column per collection date, newest first, flags shown. */
    @GetMapping("/results/patient/{patientId}")
    String patient(@PathVariable long patientId, Authentication auth, Model model) {
        var patient = patients.find(patientId).orElseThrow(() -> new NotFoundException("Patient", patientId));
        // Providers see released results only; the lab also sees what is waiting for verification.
        boolean labStaff = LabStaff.is(auth);
        List<LabResult> all = worklist.patientResults(patientId, 500).stream()
                .filter(r -> labStaff || r.status().released()).toList();
        var dates = new TreeSet<LocalDate>(java.util.Comparator.reverseOrder());
        Map<String, Map<LocalDate, LabResult>> byTest = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (LabResult r : all) {
            var when = r.collectedAt() != null ? r.collectedAt() : r.receivedAt();
            LocalDate day = LocalDate.ofInstant(when, zone);
            dates.add(day);
            names.putIfAbsent(r.testCode(), r.testName());
            byTest.computeIfAbsent(r.testCode(), k -> new LinkedHashMap<>()).putIfAbsent(day, r);
        }
        model.addAttribute("patient", patient);
        model.addAttribute("dates", new ArrayList<>(dates));
        model.addAttribute("byTest", byTest);
        model.addAttribute("names", names);
        model.addAttribute("results", all);
        return "results/patient";
    }
}
