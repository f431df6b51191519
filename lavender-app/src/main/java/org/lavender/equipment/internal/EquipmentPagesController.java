package org.lavender.equipment.internal;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.lavender.equipment.Asset;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.Equipment;
import org.lavender.equipment.Frequency;
import org.lavender.equipment.MaintenanceTask;
import org.lavender.equipment.NewCalibrationPlan;
import org.lavender.equipment.NewMaintenanceSchedule;
import org.lavender.instruments.Instruments;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
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

/**
 * /equipment: the dashboard of what needs attention, the asset list and each asset's page (maintenance tasks,
 * calibrations, temperature log, downtime), and maintenance sign-off with its checklist.
 */
@Controller
@RequestMapping("/equipment")
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
class EquipmentPagesController {

    private final Equipment equipment;
    private final Instruments instruments;
    private final Clock clock;

    EquipmentPagesController(Equipment equipment, Instruments instruments, Clock clock) {
        this.equipment = equipment;
        this.instruments = instruments;
        this.clock = clock;
    }

    /** Times on these pages are shown in the lab's zone. */
    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    @GetMapping
    String dashboard(Model model) {
        model.addAttribute("d", equipment.dashboard());
        return "equipment/dashboard";
    }

    @GetMapping("/assets")
    String assets(Model model) {
        return assetList(model, Forms.AssetForm.blank());
    }

    private String assetList(Model model, Forms.AssetForm form) {
        model.addAttribute("assets", equipment.assets());
        model.addAttribute("form", form);
        model.addAttribute("kinds", AssetKind.values());
        model.addAttribute("analyzers", instruments.analyzers());
        return "equipment/assets";
    }

    @PostMapping("/assets")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String create(Forms.AssetForm form, Model model, RedirectAttributes redirect) {
        try {
            Asset created = equipment.create(form.settings());
            redirect.addFlashAttribute("message", "Asset " + created.tag() + " added");
            return "redirect:/equipment/assets/" + created.id();
        } catch (InvalidInputException e) {
            model.addAttribute("error", e.getMessage());
            return assetList(model, form);
        }
    }

    @GetMapping("/assets/{id}")
    String asset(@PathVariable long id, @RequestParam(required = false) String tcursor,
                 @RequestParam(required = false) String mcursor, @RequestParam(required = false) String ccursor,
                 @RequestParam(required = false) String dcursor, Model model) {
        return assetPage(id, model, tcursor, mcursor, ccursor, dcursor);
    }

    private String assetPage(long id, Model model, String tcursor, String mcursor, String ccursor, String dcursor) {
        Asset asset = equipment.asset(id).orElseThrow(() -> new NotFoundException("Asset", id));
        model.addAttribute("asset", asset);
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", Forms.AssetForm.of(asset));
        }
        model.addAttribute("kinds", AssetKind.values());
        model.addAttribute("frequencies", Frequency.values());
        model.addAttribute("results", CalibrationResult.values());
        model.addAttribute("analyzers", instruments.analyzers());
        model.addAttribute("tasks", equipment.maintenance(id));
        model.addAttribute("plans", equipment.calibrations(id));
        model.addAttribute("temperatures", equipment.temperatures(id, tcursor, 20));
        model.addAttribute("maintenanceLog", equipment.maintenanceLog(id, mcursor, 10));
        model.addAttribute("calibrationLog", equipment.calibrationLog(id, ccursor, 10));
        model.addAttribute("downtimes", equipment.downtime(id, dcursor, 10));
        model.addAttribute("open", equipment.downtime(id, null, 1).items().stream().filter(d -> d.active()).toList());
        return "equipment/asset";
    }

    /** A refused entry re-shows the asset page with the message and what was typed. */
    private String refused(long id, Model model, RuntimeException e, Map<String, String> typed) {
        model.addAttribute("error", e.getMessage());
        model.addAllAttributes(typed);
        return assetPage(id, model, null, null, null, null);
    }

    @PostMapping("/assets/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String update(@PathVariable long id, Forms.AssetForm form, Model model, RedirectAttributes redirect) {
        try {
            equipment.update(id, form.version() == null ? -1 : form.version(), form.settings());
            redirect.addFlashAttribute("message", "Asset saved");
            return "redirect:/equipment/assets/" + id;
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("form", form);
            return refused(id, model, e, Map.of());
        }
    }

    @PostMapping("/assets/{id}/temperatures")
    String temperature(@PathVariable long id, @RequestParam(required = false) String value,
                       @RequestParam(required = false) String unit, @RequestParam(required = false) String comment,
                       @RequestParam(required = false) String readAt, Model model, RedirectAttributes redirect) {
        try {
            var r = equipment.recordTemperature(id, value, unit, comment,
                    Forms.instant(readAt, "readAt", "Read at", clock.getZone()));
            redirect.addFlashAttribute(r.inRange() ? "message" : "error", r.inRange()
                    ? "Logged " + r.reading().text() + " (in range " + r.range().text() + ")"
                    : "OUT OF RANGE: " + r.reading().text() + " is outside " + r.range().text()
                    + " — check the contents and record the corrective action below");
            return "redirect:/equipment/assets/" + id;
        } catch (InvalidInputException e) {
            return refused(id, model, e, Map.of("typedValue", value == null ? "" : value,
                    "typedUnit", unit == null ? "" : unit, "typedComment", comment == null ? "" : comment));
        }
    }

    @PostMapping("/temperatures/{readingId}/action")
    String correctiveAction(@PathVariable long readingId, @RequestParam long assetId,
                            @RequestParam(required = false) String action, RedirectAttributes redirect) {
        try {
            equipment.correctiveAction(readingId, action);
            redirect.addFlashAttribute("message", "Corrective action recorded");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/equipment/assets/" + assetId;
    }

    @PostMapping("/assets/{id}/downtime")
    String down(@PathVariable long id, @RequestParam(required = false) String reason, Model model,
                RedirectAttributes redirect) {
        try {
            equipment.startDowntime(id, reason);
            redirect.addFlashAttribute("message", "Marked out of service");
            return "redirect:/equipment/assets/" + id;
        } catch (InvalidInputException | ConflictException e) {
            return refused(id, model, e, Map.of());
        }
    }

    @PostMapping("/downtime/{downtimeId}/end")
    String up(@PathVariable long downtimeId, @RequestParam long assetId,
              @RequestParam(required = false) String resolution, Model model, RedirectAttributes redirect) {
        try {
            equipment.endDowntime(downtimeId, resolution);
            redirect.addFlashAttribute("message", "Back in service");
            return "redirect:/equipment/assets/" + assetId;
        } catch (InvalidInputException | ConflictException e) {
            return refused(assetId, model, e, Map.of());
        }
    }

    @PostMapping("/assets/{id}/schedules")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String schedule(@PathVariable long id, @RequestParam(required = false) String title,
                    @RequestParam(required = false) String frequency, @RequestParam(required = false) String every,
                    @RequestParam(required = false) String checklist, @RequestParam(required = false) String startsOn,
                    Model model, RedirectAttributes redirect) {
        try {
            MaintenanceTask task = equipment.schedule(new NewMaintenanceSchedule(id, title,
                    Forms.interval(frequency, every), Forms.lines(checklist)),
                    Forms.date(startsOn, "startsOn", "First due"));
            redirect.addFlashAttribute("message", "Scheduled: " + task.title() + ", " + task.interval().text());
            return "redirect:/equipment/assets/" + id;
        } catch (InvalidInputException e) {
            return refused(id, model, e, Map.of("typedTitle", title == null ? "" : title,
                    "typedChecklist", checklist == null ? "" : checklist));
        }
    }

    @PostMapping("/assets/{id}/calibration-plans")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String plan(@PathVariable long id, @RequestParam(required = false) String testCode,
                @RequestParam(required = false) String intervalDays, @RequestParam(required = false) String firstDueOn,
                Model model, RedirectAttributes redirect) {
        try {
            Integer days = Forms.integer(intervalDays, "intervalDays", "The interval");
            var plan = equipment.planCalibration(new NewCalibrationPlan(id, testCode, days == null ? 0 : days,
                    Forms.date(firstDueOn, "firstDueOn", "First due")));
            redirect.addFlashAttribute("message", "Calibration of " + plan.scope() + " planned every "
                    + plan.intervalDays() + " days");
            return "redirect:/equipment/assets/" + id;
        } catch (InvalidInputException e) {
            return refused(id, model, e, Map.of());
        }
    }

    @PostMapping("/calibrations/{planId}")
    String calibrate(@PathVariable long planId, @RequestParam long assetId,
                     @RequestParam(required = false) String result, @RequestParam(required = false) String calibratorLot,
                     @RequestParam(required = false) String comment, Model model, RedirectAttributes redirect) {
        try {
            var entry = equipment.recordCalibration(planId,
                    Forms.choice(CalibrationResult.class, result, "result", "calibration result"), calibratorLot,
                    comment, null);
            redirect.addFlashAttribute(entry.result() == CalibrationResult.PASS ? "message" : "error",
                    "Calibration recorded: " + entry.result());
            return "redirect:/equipment/assets/" + assetId;
        } catch (InvalidInputException | ConflictException e) {
            return refused(assetId, model, e, Map.of());
        }
    }

    @PostMapping("/maintenance/{scheduleId}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String retireSchedule(@PathVariable long scheduleId, @RequestParam long assetId,
                          @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            MaintenanceTask task = equipment.retireSchedule(scheduleId, reason);
            redirect.addFlashAttribute("message", "Maintenance task '" + task.title() + "' retired");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/equipment/assets/" + assetId;
    }

    @PostMapping("/calibrations/{planId}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String retireCalibration(@PathVariable long planId, @RequestParam long assetId,
                             @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            var plan = equipment.retireCalibration(planId, reason);
            redirect.addFlashAttribute("message", "Calibration plan for " + plan.scope() + " retired");
        } catch (InvalidInputException | ConflictException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/equipment/assets/" + assetId;
    }

    @GetMapping("/maintenance/{scheduleId}")
    String signOffPage(@PathVariable long scheduleId, Model model) {
        model.addAttribute("task", equipment.task(scheduleId)
                .orElseThrow(() -> new NotFoundException("Maintenance task", scheduleId)));
        if (!model.containsAttribute("checked")) {
            model.addAttribute("checked", List.of());
        }
        return "equipment/sign-off";
    }

    @PostMapping("/maintenance/{scheduleId}")
    String signOff(@PathVariable long scheduleId, @RequestParam(required = false) List<String> checked,
                   @RequestParam(required = false) String comment, Model model, RedirectAttributes redirect) {
        try {
            var record = equipment.signOff(scheduleId, checked, comment, null);
            MaintenanceTask task = equipment.task(scheduleId).orElseThrow();
            redirect.addFlashAttribute("message", "Signed off: " + record.title() + " — next " + task.dueText());
            return "redirect:/equipment/assets/" + task.assetId();
        } catch (InvalidInputException | ConflictException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("checked", checked == null ? List.of() : checked);
            model.addAttribute("comment", comment);
            return signOffPage(scheduleId, model);
        }
    }
}
