package org.lavender.patients.internal;

import java.time.Clock;
import java.time.LocalDate;
import org.lavender.audit.AuditLog;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

@Controller
@RequestMapping("/patients")
class PatientPageController {

    private static final int PAGE = 25;

    private final Patients patients;
    private final AuditLog audit;
    private final Clock clock;

    PatientPageController(Patients patients, AuditLog audit, Clock clock) {
        this.patients = patients;
        this.audit = audit;
        this.clock = clock;
    }

    /** The lab's zone and today, for dates on every patient page. */
    @ModelAttribute
    void labTime(Model model) {
        model.addAttribute("zone", clock.getZone());
        model.addAttribute("today", LocalDate.now(clock));
    }

    @GetMapping
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) String cursor,
                  Model model) {
        model.addAttribute("q", q == null ? "" : q);
        if (q != null && !q.isBlank()) {
            try {
                PatientQuery query = PatientSearchInput.parse(q);
                Slice<Patient> page = patients.search(query, cursor, PAGE);
                model.addAttribute("page", page);
            } catch (InvalidInputException e) {
                model.addAttribute("error", e.getMessage());
            }
        }
        return "patients/search";
    }

    @GetMapping("/new")
    String newPatient(Model model) {
        model.addAttribute("form", PatientForm.empty());
        return "patients/register";
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    String register(@ModelAttribute PatientForm form, Model model, RedirectAttributes redirect) {
        try {
            Patient p = patients.register(form.toNewPatient());
            redirect.addFlashAttribute("message", "Registered " + p.displayName() + " with MRN " + p.mrn());
            return "redirect:/patients/" + p.id();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            return "patients/register";
        }
    }

    @GetMapping("/{id}")
    String patient(@PathVariable long id, Model model) {
        Patient p = patients.find(id).orElseThrow(() -> new NotFoundException("Patient", id));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PatientForm.of(p));
        }
        model.addAttribute("patient", p);
        model.addAttribute("history", audit.history(PatientService.AUDIT_TYPE, String.valueOf(id)));
        return "patients/patient";
    }

    @PostMapping("/{id}")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    String edit(@PathVariable long id, @ModelAttribute PatientForm form, Model model, RedirectAttributes redirect) {
        try {
            if (form.version() == null) {
                throw new InvalidInputException("version", "The form has no version: reload the page");
            }
            Patient p = patients.update(id, form.version(), form.toNewPatient(), form.reason());
            redirect.addFlashAttribute("message", "Saved changes to " + p.displayName());
            return "redirect:/patients/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("form", form);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("editOpen", true);
            return patient(id, model);
        }
    }
}
