package org.lavender.equipment.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.lavender.equipment.Asset;
import org.lavender.equipment.CalibrationEntry;
import org.lavender.equipment.CalibrationPlan;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.Downtime;
import org.lavender.equipment.Equipment;
import org.lavender.equipment.EquipmentDashboard;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.MaintenanceRecord;
import org.lavender.equipment.MaintenanceTask;
import org.lavender.equipment.NewCalibrationPlan;
import org.lavender.equipment.NewMaintenanceSchedule;
import org.lavender.equipment.NewReagent;
import org.lavender.equipment.Reagent;
import org.lavender.equipment.ReagentInUse;
import org.lavender.equipment.ReagentLot;
import org.lavender.equipment.Reagents;
import org.lavender.equipment.ResultReagent;
import org.lavender.equipment.StockLevel;
import org.lavender.equipment.TemperatureReading;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** JSON API of the equipment module: dashboard, assets, upkeep records and reagents. */
@RestController
@RequestMapping("/api/equipment")
@PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
@Tag(name = "Equipment", description = "Assets, maintenance, calibration, temperatures, downtime, reagents")
class EquipmentApi {

    private final Equipment equipment;
    private final Reagents reagents;
    private final Clock clock;

    EquipmentApi(Equipment equipment, Reagents reagents, Clock clock) {
        this.equipment = equipment;
        this.reagents = reagents;
        this.clock = clock;
    }

    record TemperatureEntry(String value, String unit, String comment, String readAt) {
    }

    record Note(String text) {
    }

    record ScheduleEntry(String title, String frequency, String every, List<String> checklist, String startsOn) {
    }

    record SignOff(List<String> checked, String comment, String performedAt) {
    }

    record PlanEntry(String testCode, String intervalDays, String firstDueOn) {
    }

    record CalibrationRecordEntry(String result, String calibratorLot, String comment, String performedAt) {
    }

    record ReceiptEntry(String reagentId, String lotNumber, String expiresOn, String units, String storage) {
    }

    record OpenEntry(String assetId) {
    }

    @GetMapping("/dashboard")
    @Operation(summary = "What needs attention: overdue maintenance and calibration, out-of-range temperatures, "
            + "downtime, reorder list, expiring lots")
    EquipmentDashboard dashboard() {
        return equipment.dashboard();
    }

    @GetMapping("/assets")
    @Operation(summary = "All assets")
    List<Asset> assets() {
        return equipment.assets();
    }

    @GetMapping("/assets/{id}")
    Asset asset(@PathVariable long id) {
        return equipment.asset(id).orElseThrow(() -> new NotFoundException("Asset", id));
    }

    @PostMapping("/assets")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "Add an asset (admin, verifier)")
    Asset create(@RequestBody Forms.AssetForm form) {
        return equipment.create(body(form).settings());
    }

    @PutMapping("/assets/{id}")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "Change an asset (admin, verifier); version from the last read")
    Asset update(@PathVariable long id, @RequestBody Forms.AssetForm form) {
        return equipment.update(id, body(form).version() == null ? -1 : form.version(), form.settings());
    }

    @PostMapping("/assets/{id}/temperatures")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Log a temperature reading (value and unit °C/Cel or °F/[degF]); flagged when out of range")
    TemperatureReading temperature(@PathVariable long id, @RequestBody TemperatureEntry entry) {
        body(entry);
        return equipment.recordTemperature(id, entry.value(), entry.unit(), entry.comment(),
                Forms.instant(entry.readAt(), "readAt", "Read at", clock.getZone()));
    }

    @GetMapping("/assets/{id}/temperatures")
    @Operation(summary = "Temperature log, newest first (keyset cursor)")
    Slice<TemperatureReading> temperatures(@PathVariable long id, @RequestParam(required = false) String cursor,
                                           @RequestParam(defaultValue = "50") int size) {
        return equipment.temperatures(id, cursor, size);
    }

    @PostMapping("/temperatures/{id}/corrective-action")
    @Operation(summary = "Document the corrective action for an out-of-range reading")
    TemperatureReading action(@PathVariable long id, @RequestBody Note note) {
        return equipment.correctiveAction(id, body(note).text());
    }

    @PostMapping("/assets/{id}/downtime")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Take an asset out of service (publishes InstrumentDown)")
    Downtime down(@PathVariable long id, @RequestBody Note reason) {
        return equipment.startDowntime(id, body(reason).text());
    }

    @PostMapping("/downtime/{id}/end")
    @Operation(summary = "Put an asset back in service, with what was done")
    Downtime up(@PathVariable long id, @RequestBody Note resolution) {
        return equipment.endDowntime(id, body(resolution).text());
    }

    @GetMapping("/assets/{id}/maintenance")
    List<MaintenanceTask> maintenance(@PathVariable long id) {
        return equipment.maintenance(id);
    }

    @PostMapping("/assets/{id}/maintenance")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "Schedule maintenance: DAILY, WEEKLY, MONTHLY or RUNS, every n, with a checklist")
    MaintenanceTask schedule(@PathVariable long id, @RequestBody ScheduleEntry entry) {
        body(entry);
        return equipment.schedule(new NewMaintenanceSchedule(id, entry.title(),
                Forms.interval(entry.frequency(), entry.every()), entry.checklist()),
                Forms.date(entry.startsOn(), "startsOn", "First due"));
    }

    @PostMapping("/maintenance/{id}/sign-off")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Sign a maintenance task off; every checklist item must be ticked")
    MaintenanceRecord signOff(@PathVariable long id, @RequestBody SignOff entry) {
        body(entry);
        return equipment.signOff(id, entry.checked(), entry.comment(),
                Forms.instant(entry.performedAt(), "performedAt", "Performed at", clock.getZone()));
    }

    @PostMapping("/maintenance/{id}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "End a maintenance schedule, with the reason (admin, verifier)")
    MaintenanceTask retireSchedule(@PathVariable long id, @RequestBody Note reason) {
        return equipment.retireSchedule(id, body(reason).text());
    }

    @PostMapping("/calibrations/{planId}/retire")
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "End a calibration plan, with the reason (admin, verifier)")
    CalibrationPlan retireCalibration(@PathVariable long planId, @RequestBody Note reason) {
        return equipment.retireCalibration(planId, body(reason).text());
    }

    @GetMapping("/assets/{id}/calibrations")
    List<CalibrationPlan> calibrations(@PathVariable long id) {
        return equipment.calibrations(id);
    }

    @PostMapping("/assets/{id}/calibrations")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "Plan a calibration for a test (or blank: the whole analyzer) every n days")
    CalibrationPlan plan(@PathVariable long id, @RequestBody PlanEntry entry) {
        body(entry);
        Integer days = Forms.integer(entry.intervalDays(), "intervalDays", "The interval");
        return equipment.planCalibration(new NewCalibrationPlan(id, entry.testCode(), days == null ? 0 : days,
                Forms.date(entry.firstDueOn(), "firstDueOn", "First due")));
    }

    @PostMapping("/calibrations/{planId}/records")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Record a calibration performed: PASS or FAIL (a failure needs a comment)")
    CalibrationEntry calibrate(@PathVariable long planId, @RequestBody CalibrationRecordEntry entry) {
        body(entry);
        return equipment.recordCalibration(planId,
                Forms.choice(CalibrationResult.class, entry.result(), "result", "calibration result"),
                entry.calibratorLot(), entry.comment(),
                Forms.instant(entry.performedAt(), "performedAt", "Performed at", clock.getZone()));
    }

    @GetMapping("/reagents")
    List<Reagent> reagents() {
        return reagents.reagents();
    }

    @PostMapping("/reagents")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Operation(summary = "Define a reagent: tests served, tests per unit, on-board stability, reorder point")
    Reagent define(@RequestBody NewReagent reagent) {
        return reagents.define(body(reagent));
    }

    @PostMapping("/reagents/lots")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Receive a lot (lot number, expiry, units, storage); expired lots are refused")
    ReagentLot receive(@RequestBody ReceiptEntry entry) {
        body(entry);
        Integer units = Forms.integer(entry.units(), "units", "Units");
        return reagents.receive(new LotReceipt(Forms.id(entry.reagentId(), "reagentId", "Reagent"), entry.lotNumber(),
                Forms.date(entry.expiresOn(), "expiresOn", "Expiry"), units, entry.storage()));
    }

    @PostMapping("/reagents/lots/{lotId}/open")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Open one unit of a lot and load it on an analyzer asset")
    ReagentInUse open(@PathVariable long lotId, @RequestBody OpenEntry entry) {
        return reagents.open(lotId, Forms.id(body(entry).assetId(), "assetId", "Analyzer"));
    }

    @GetMapping("/reagents/stock")
    @Operation(summary = "Stock per reagent with the reorder flag")
    List<StockLevel> stock() {
        return reagents.stock();
    }

    @GetMapping("/reagents/for-result/{resultId}")
    @Operation(summary = "The reagent lot(s) in use when a result was filed")
    List<ResultReagent> forResult(@PathVariable long resultId) {
        return reagents.forResult(resultId);
    }

    private static <T> T body(T body) {
        if (body == null) {
            throw new InvalidInputException("body", "Send the fields as a JSON object");
        }
        return body;
    }
}
