package org.lavender.equipment.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.Equipment;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.NewReagent;
import org.lavender.equipment.Reagents;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
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
 * /equipment/reagents: stock with the reorder list, lots in stock (receive, open on an analyzer), units loaded on
 * analyzers, reagent definitions; and the fragment showing the reagent lot behind a result.
 */
@Controller
@RequestMapping("/equipment/reagents")
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
class ReagentPagesController {

    private final Reagents reagents;
    private final Equipment equipment;
    private final Clock clock;

    ReagentPagesController(Reagents reagents, Equipment equipment, Clock clock) {
        this.reagents = reagents;
        this.equipment = equipment;
        this.clock = clock;
    }

    @ModelAttribute("zone")
    ZoneId zone() {
        return clock.getZone();
    }

    @GetMapping
    String page(Model model) {
        model.addAttribute("reagents", reagents.reagents());
        model.addAttribute("stock", reagents.stock());
        model.addAttribute("lots", reagents.lotsInStock());
        model.addAttribute("loaded", reagents.loaded());
        model.addAttribute("analyzers", equipment.assets().stream()
                .filter(a -> a.kind() == AssetKind.ANALYZER && a.analyzerName() != null && a.active()).toList());
        model.addAttribute("today", LocalDate.now(clock));
        model.addAttribute("now", clock.instant());
        return "equipment/reagents";
    }

    private String refused(Model model, RuntimeException e, Map<String, String> typed) {
        model.addAttribute("error", e.getMessage());
        model.addAllAttributes(typed);
        return page(model);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    String define(@RequestParam(required = false) String name, @RequestParam(required = false) String manufacturer,
                  @RequestParam(required = false) String catalogNumber, @RequestParam(required = false) String testCodes,
                  @RequestParam(required = false) String testsPerUnit, @RequestParam(required = false) String unitName,
                  @RequestParam(required = false) String onboardDays, @RequestParam(required = false) String storage,
                  @RequestParam(required = false) String reorderPoint, Model model, RedirectAttributes redirect) {
        try {
            List<String> tests = testCodes == null ? List.of() : List.of(testCodes.split("[,\\s]+"));
            var created = reagents.define(new NewReagent(name, manufacturer, catalogNumber, tests,
                    Forms.integer(testsPerUnit, "testsPerUnit", "Tests per unit"), unitName,
                    Forms.integer(onboardDays, "onboardDays", "On-board stability"), storage,
                    Forms.integer(reorderPoint, "reorderPoint", "Reorder point")));
            redirect.addFlashAttribute("message", "Reagent " + created.name() + " defined");
            return "redirect:/equipment/reagents";
        } catch (InvalidInputException e) {
            return refused(model, e, Map.of("typedName", name == null ? "" : name));
        }
    }

    @PostMapping("/lots")
    String receive(@RequestParam(required = false) String reagentId, @RequestParam(required = false) String lotNumber,
                   @RequestParam(required = false) String expiresOn, @RequestParam(required = false) String units,
                   @RequestParam(required = false) String storage, Model model, RedirectAttributes redirect) {
        try {
            var lot = reagents.receive(new LotReceipt(Forms.id(reagentId, "reagentId", "Reagent"), lotNumber,
                    Forms.date(expiresOn, "expiresOn", "Expiry"), Forms.integer(units, "units", "Units"), storage));
            redirect.addFlashAttribute("message", "Received lot " + lot.lotNumber() + " of " + lot.reagentName()
                    + ": " + lot.unitsUnopened() + " unopened");
            return "redirect:/equipment/reagents";
        } catch (InvalidInputException e) {
            return refused(model, e, Map.of("typedLot", lotNumber == null ? "" : lotNumber,
                    "typedExpiry", expiresOn == null ? "" : expiresOn, "typedUnits", units == null ? "" : units));
        }
    }

    @PostMapping("/lots/{lotId}/open")
    String open(@PathVariable long lotId, @RequestParam(required = false) String assetId, Model model,
                RedirectAttributes redirect) {
        try {
            var unit = reagents.open(lotId, Forms.id(assetId, "assetId", "Analyzer"));
            redirect.addFlashAttribute("message", "Opened a unit of lot " + unit.lotNumber() + " on "
                    + unit.assetName());
            return "redirect:/equipment/reagents";
        } catch (InvalidInputException | ConflictException e) {
            return refused(model, e, Map.of());
        }
    }

    @PostMapping("/loaded/{inUseId}/remove")
    String remove(@PathVariable long inUseId, @RequestParam(required = false) String reason, Model model,
                  RedirectAttributes redirect) {
        try {
            reagents.remove(inUseId, reason);
            redirect.addFlashAttribute("message", "Unit removed from the analyzer");
            return "redirect:/equipment/reagents";
        } catch (InvalidInputException | ConflictException e) {
            return refused(model, e, Map.of());
        }
    }

    /** HTML fragment for a result page: the reagent lot(s) in use when the result was filed. */
    @GetMapping("/for-result/{resultId}")
    String forResult(@PathVariable long resultId, Model model) {
        model.addAttribute("uses", reagents.forResult(resultId));
        return "equipment/for-result :: lots";
    }
}
