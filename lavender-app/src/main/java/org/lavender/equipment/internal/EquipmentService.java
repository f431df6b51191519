package org.lavender.equipment.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.equipment.Asset;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.AssetSettings;
import org.lavender.equipment.CalibrationEntry;
import org.lavender.equipment.CalibrationPlan;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.Downtime;
import org.lavender.equipment.DueState;
import org.lavender.equipment.Equipment;
import org.lavender.equipment.EquipmentDashboard;
import org.lavender.equipment.InstrumentDown;
import org.lavender.equipment.MaintenanceRecord;
import org.lavender.equipment.MaintenanceTask;
import org.lavender.equipment.NewCalibrationPlan;
import org.lavender.equipment.NewMaintenanceSchedule;
import org.lavender.equipment.Temperature;
import org.lavender.equipment.TemperatureReading;
import org.lavender.instruments.Instruments;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assets, maintenance, calibration, temperature logs and downtime; every change audited in its transaction. */
@Service
class EquipmentService implements Equipment {

    static final int MAX_CHECKLIST_ITEMS = 50;
    static final Duration LATE_ENTRY = Duration.ofDays(7);
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final AssetRepository assets;
    private final UpkeepRepository upkeep;
    private final ReagentService reagents;
    private final Instruments instruments;
    private final Catalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    EquipmentService(AssetRepository assets, UpkeepRepository upkeep, ReagentService reagents, Instruments instruments,
                     Catalog catalog, AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.assets = assets;
        this.upkeep = upkeep;
        this.reagents = reagents;
        this.instruments = instruments;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    private ZoneId zone() {
        return clock.getZone();
    }

    // ---- assets

    @Override
    @Transactional(readOnly = true)
    public List<Asset> assets() {
        return assets.all();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Asset> asset(long id) {
        return assets.find(id);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Asset> assetByAnalyzer(String analyzerName) {
        return analyzerName == null ? Optional.empty() : assets.findByAnalyzer(analyzerName);
    }

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public Asset create(AssetSettings settings) {
        AssetSettings s = validate(settings, null);
        long id = assets.insert(s);
        Asset created = assets.find(id).orElseThrow();
        audit.record(AuditEvent.created("equipment-asset", id, created.describe()));
        return created;
    }

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public Asset update(long id, int version, AssetSettings settings) {
        Asset old = assets.find(id).orElseThrow(() -> new NotFoundException("Asset", id));
        AssetSettings s = validate(settings, id);
        if (!assets.update(id, version, s)) {
            throw new ConflictException("Asset " + old.tag() + " was changed by someone else; reload and retry");
        }
        Asset updated = assets.find(id).orElseThrow();
        audit.record(AuditEvent.changed("equipment-asset", id, old.describe(), updated.describe(), null));
        return updated;
    }

    private AssetSettings validate(AssetSettings s, Long id) {
        if (s == null) {
            throw new InvalidInputException("asset", "Describe the asset");
        }
        String tag = Text.required(s.tag(), "tag", "The asset tag", 40);
        if (!tag.matches("[\\p{Alnum}][\\p{Alnum}._/-]*")) {
            throw new InvalidInputException("tag", "An asset tag is letters, digits, dots, dashes or slashes, "
                    + "e.g. EQ-0042");
        }
        String name = Text.required(s.name(), "name", "The name", 100);
        if (s.kind() == null) {
            throw new InvalidInputException("kind", "Choose what kind of equipment this is");
        }
        String manufacturer = Text.optional(s.manufacturer(), "manufacturer", "The manufacturer", 100);
        String serial = Text.required(s.serialNumber(), "serialNumber", "The serial number", 100);
        String analyzer = Text.optional(s.analyzerName(), "analyzerName", "The analyzer name", 100);
        if (analyzer != null) {
            if (s.kind() != AssetKind.ANALYZER) {
                throw new InvalidInputException("analyzerName", "Only an analyzer asset is linked to an analyzer");
            }
            analyzer = instruments.analyzerByName(analyzer)
                    .orElseThrow(() -> new InvalidInputException("analyzerName", "No analyzer named '"
                            + s.analyzerName().strip() + "' is configured under Analyzers"))
                    .name();
            String linked = analyzer;
            assets.findByAnalyzer(linked).filter(a -> id == null || a.id() != id).ifPresent(a -> {
                throw new InvalidInputException("analyzerName", "Analyzer " + linked + " is already linked to asset "
                        + a.tag());
            });
        }
        if (s.kind().temperatureControlled() && s.temperatureRange() == null) {
            throw new InvalidInputException("temperatureRange", "A " + s.kind().name().toLowerCase()
                    .replace('_', ' ') + " needs its acceptable temperature range (e.g. 2 to 8 °C)");
        }
        assets.findByTag(tag).filter(a -> id == null || a.id() != id).ifPresent(a -> {
            throw new InvalidInputException("tag", "Asset tag " + a.tag() + " is already used by " + a.name());
        });
        assets.findBySerial(manufacturer, serial).filter(a -> id == null || a.id() != id).ifPresent(a -> {
            throw new InvalidInputException("serialNumber", "Serial number " + serial + " is already asset "
                    + a.tag());
        });
        return new AssetSettings(tag, name, s.kind(), manufacturer,
                Text.optional(s.model(), "model", "The model", 100), serial,
                Text.optional(s.location(), "location", "The location", 100), analyzer, s.temperatureRange(),
                s.active());
    }

    private Asset existing(long assetId) {
        return assets.find(assetId).orElseThrow(() -> new NotFoundException("Asset", assetId));
    }

    // ---- maintenance

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public MaintenanceTask schedule(NewMaintenanceSchedule schedule, LocalDate startsOn) {
        if (schedule == null || schedule.interval() == null) {
            throw new InvalidInputException("frequency", "Choose how often the task recurs");
        }
        Asset asset = existing(schedule.assetId());
        String title = Text.required(schedule.title(), "title", "The task", 200);
        List<String> checklist = checklist(schedule.checklist());
        LocalDate today = clock.instant().atZone(zone()).toLocalDate();
        LocalDate first = startsOn == null ? today : startsOn;
        if (first.isBefore(today.minusYears(1)) || first.isAfter(today.plusYears(1))) {
            throw new InvalidInputException("startsOn", "The first due day must be within a year of today");
        }
        long id = upkeep.insertSchedule(asset.id(), title, schedule.interval(), checklist, first, asset.runs(),
                clock.instant());
        MaintenanceTask task = upkeep.schedule(id).orElseThrow().at(clock.instant(), zone());
        audit.record(AuditEvent.created("equipment-maintenance-schedule", id, asset.tag() + ": " + title + ", "
                + schedule.interval().text() + ", checklist " + String.join(" | ", checklist)
                + (schedule.interval().byRuns() ? "" : ", first due " + first)));
        return task;
    }

    private static List<String> checklist(List<String> items) {
        Set<String> clean = new LinkedHashSet<>();
        if (items != null) {
            for (String item : items) {
                String v = Text.optional(item, "checklist", "A checklist item", 200);
                if (v != null) {
                    clean.add(v);
                }
            }
        }
        if (clean.isEmpty()) {
            throw new InvalidInputException("checklist", "Give the task at least one checklist item");
        }
        if (clean.size() > MAX_CHECKLIST_ITEMS) {
            throw new InvalidInputException("checklist", "A checklist has at most " + MAX_CHECKLIST_ITEMS + " items");
        }
        return List.copyOf(clean);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<MaintenanceTask> task(long scheduleId) {
        return upkeep.schedule(scheduleId).map(r -> r.at(clock.instant(), zone()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<MaintenanceTask> maintenance(long assetId) {
        Instant now = clock.instant();
        return upkeep.schedules(assetId).stream().map(r -> r.at(now, zone())).toList();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public MaintenanceRecord signOff(long scheduleId, List<String> checked, String comment, Instant performedAt) {
        ScheduleRow row = upkeep.schedule(scheduleId)
                .orElseThrow(() -> new NotFoundException("Maintenance task", scheduleId));
        Asset asset = assets.lock(row.assetId()).orElseThrow();
        if (!row.active()) {
            throw new ConflictException("Maintenance task '" + row.title() + "' is no longer scheduled");
        }
        Set<String> ticked = new LinkedHashSet<>(checked == null ? List.of() : checked);
        List<String> missing = row.checklist().stream().filter(i -> !ticked.contains(i)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("checked", "Every checklist item must be done before sign-off; not ticked: "
                    + String.join("; ", missing));
        }
        if (!row.checklist().containsAll(ticked)) {
            throw new InvalidInputException("checked", "Only the task's own checklist items can be ticked");
        }
        String note = Text.optional(comment, "comment", "The comment", 2000);
        Instant at = pastOrNow(performedAt, "performedAt", "The maintenance");
        String user = Text.currentUser();
        long id = upkeep.insertRecord(scheduleId, asset.id(), at, user, asset.runs(), row.checklist(), note);
        audit.record(AuditEvent.of("SIGN_OFF", "equipment-maintenance", id, null, asset.tag() + ": " + row.title()
                + " done at " + at + " (run " + asset.runs() + "), checklist complete", note));
        return upkeep.records(asset.id(), id + 1, 1).get(0);
    }

    /** A time entered for work done earlier: not in the future and not older than a week; null means now. */
    private Instant pastOrNow(Instant at, String field, String what) {
        Instant now = clock.instant();
        if (at == null) {
            return now;
        }
        if (at.isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidInputException(field, what + " cannot be recorded in the future");
        }
        if (at.isBefore(now.minus(LATE_ENTRY))) {
            throw new InvalidInputException(field, what + " can be written up at most 7 days later");
        }
        return at.isAfter(now) ? now : at;
    }

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public MaintenanceTask retireSchedule(long scheduleId, String reason) {
        ScheduleRow row = upkeep.schedule(scheduleId)
                .orElseThrow(() -> new NotFoundException("Maintenance task", scheduleId));
        String why = Text.required(reason, "reason", "The reason", 500);
        if (!upkeep.retireSchedule(scheduleId)) {
            throw new ConflictException("Maintenance task '" + row.title() + "' is already retired");
        }
        audit.record(AuditEvent.changed("equipment-maintenance-schedule", scheduleId, row.assetTag() + ": "
                + row.title() + ", " + row.interval().text() + ", active", "retired", why));
        return upkeep.schedule(scheduleId).orElseThrow().at(clock.instant(), zone());
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<MaintenanceRecord> maintenanceLog(long assetId, String cursor, int size) {
        int n = Rows.size(size);
        return Rows.slice(upkeep.records(assetId, Rows.cursor(cursor), n + 1), n, MaintenanceRecord::id);
    }

    // ---- calibration

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public CalibrationPlan planCalibration(NewCalibrationPlan plan) {
        if (plan == null) {
            throw new InvalidInputException("plan", "Describe the calibration");
        }
        Asset asset = existing(plan.assetId());
        if (asset.kind() != AssetKind.ANALYZER) {
            throw new InvalidInputException("assetId", asset.tag() + " is not an analyzer; calibrations are planned "
                    + "for analyzers");
        }
        String test = Text.optional(plan.testCode(), "testCode", "The test code", 40);
        if (test != null) {
            String typed = test;
            TestDefinition def = catalog.test(typed).orElseThrow(() -> new InvalidInputException("testCode",
                    "No test '" + typed + "' in the catalog"));
            test = def.code();
        }
        if (plan.intervalDays() < 1 || plan.intervalDays() > 3650) {
            throw new InvalidInputException("intervalDays", "Calibrate every 1 to 3650 days");
        }
        LocalDate today = clock.instant().atZone(zone()).toLocalDate();
        LocalDate first = plan.firstDueOn() == null ? today : plan.firstDueOn();
        if (first.isAfter(today.plusYears(10)) || first.isBefore(today.minusYears(1))) {
            throw new InvalidInputException("firstDueOn", "The first due day must be within a year before and ten "
                    + "years after today");
        }
        String scope = test;
        upkeep.planFor(asset.id(), test).ifPresent(existing -> {
            throw new InvalidInputException("testCode", asset.tag() + " already has a calibration plan for "
                    + (scope == null ? "all tests" : scope));
        });
        long id = upkeep.insertPlan(asset.id(), test, plan.intervalDays(), first, clock.instant());
        CalibrationPlan created = upkeep.plan(id, clock.instant()).orElseThrow().at(clock.instant(), zone());
        audit.record(AuditEvent.created("equipment-calibration-plan", id, asset.tag() + ": calibrate "
                + created.scope() + " every " + plan.intervalDays() + " days, first due " + first));
        return created;
    }

    @Override
    @Transactional(readOnly = true)
    public List<CalibrationPlan> calibrations(long assetId) {
        Instant now = clock.instant();
        return upkeep.plans(assetId, now).stream().map(p -> p.at(now, zone())).toList();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public CalibrationEntry recordCalibration(long planId, CalibrationResult result, String calibratorLot,
                                              String comment, Instant performedAt) {
        PlanRow plan = upkeep.plan(planId, clock.instant())
                .orElseThrow(() -> new NotFoundException("Calibration plan", planId));
        Asset asset = assets.lock(plan.assetId()).orElseThrow();
        if (!plan.active()) {
            throw new ConflictException("The calibration plan for " + (plan.testCode() == null ? "all tests"
                    : plan.testCode()) + " on " + asset.name() + " is retired");
        }
        if (result == null) {
            throw new InvalidInputException("result", "Record whether the calibration passed or failed");
        }
        String lot = Text.optional(calibratorLot, "calibratorLot", "The calibrator lot", 60);
        String note = Text.optional(comment, "comment", "The comment", 2000);
        if (result == CalibrationResult.FAIL && note == null) {
            throw new InvalidInputException("comment", "A failed calibration needs a comment (what was seen, what "
                    + "happens next)");
        }
        Instant at = pastOrNow(performedAt, "performedAt", "The calibration");
        String before = plan.status(clock.instant(), zone()).text(plan.testCode() == null ? "all tests"
                : plan.testCode(), asset.name());
        long id = upkeep.insertCalibration(planId, asset.id(), at, Text.currentUser(), result, lot, note);
        CalibrationPlan after = upkeep.plan(planId, clock.instant()).orElseThrow().at(clock.instant(), zone());
        audit.record(AuditEvent.of("CALIBRATE", "equipment-calibration-plan", planId, before,
                result + " at " + at + (lot == null ? "" : ", calibrator lot " + lot) + "; "
                        + after.status().text(after.scope(), asset.name()), note));
        return upkeep.calibrations(asset.id(), id + 1, 1).get(0);
    }

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public CalibrationPlan retireCalibration(long planId, String reason) {
        PlanRow plan = upkeep.plan(planId, clock.instant())
                .orElseThrow(() -> new NotFoundException("Calibration plan", planId));
        String why = Text.required(reason, "reason", "The reason", 500);
        if (!upkeep.retirePlan(planId)) {
            throw new ConflictException("The calibration plan for " + (plan.testCode() == null ? "all tests"
                    : plan.testCode()) + " is already retired");
        }
        audit.record(AuditEvent.changed("equipment-calibration-plan", planId, plan.assetName() + ": calibrate "
                + (plan.testCode() == null ? "all tests" : plan.testCode()) + " every " + plan.intervalDays()
                + " days, active", "retired", why));
        return upkeep.plan(planId, clock.instant()).orElseThrow().at(clock.instant(), zone());
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<CalibrationEntry> calibrationLog(long assetId, String cursor, int size) {
        int n = Rows.size(size);
        return Rows.slice(upkeep.calibrations(assetId, Rows.cursor(cursor), n + 1), n, CalibrationEntry::id);
    }

    // ---- temperatures

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public TemperatureReading recordTemperature(long assetId, String value, String unit, String comment,
                                                Instant readAt) {
        Asset asset = existing(assetId);
        if (asset.temperatureRange() == null) {
            throw new InvalidInputException("assetId", asset.tag() + " " + asset.name() + " has no acceptable "
                    + "temperature range, so it keeps no temperature log");
        }
        Temperature reading = Temperature.parse(value, unit);
        String note = Text.optional(comment, "comment", "The comment", 2000);
        Instant at = pastOrNow(readAt, "readAt", "A reading");
        boolean inRange = asset.temperatureRange().contains(reading);
        long id = upkeep.insertReading(asset.id(), at, reading, asset.temperatureRange(), inRange, Text.currentUser(),
                note);
        audit.record(AuditEvent.created("equipment-temperature", id, asset.tag() + " " + asset.name() + ": "
                + reading.text() + " at " + at + (inRange ? " (in range " : " OUT OF RANGE (")
                + asset.temperatureRange().text() + ")" + (note == null ? "" : "; " + note)));
        return upkeep.reading(id).orElseThrow();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public TemperatureReading correctiveAction(long readingId, String action) {
        TemperatureReading r = upkeep.lockReading(readingId)
                .orElseThrow(() -> new NotFoundException("Temperature reading", readingId));
        if (r.inRange()) {
            throw new ConflictException("The reading " + r.reading().text() + " was in range; no corrective action "
                    + "is needed");
        }
        if (r.correctiveAction() != null) {
            throw new ConflictException("A corrective action was already recorded by " + r.actionBy());
        }
        String text = Text.required(action, "action", "The corrective action", 2000);
        upkeep.correctiveAction(readingId, text, Text.currentUser(), clock.instant());
        audit.record(AuditEvent.changed("equipment-temperature", readingId, "out of range "
                + r.reading().text() + ", no action", "corrective action: " + text, null));
        return upkeep.reading(readingId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<TemperatureReading> temperatures(long assetId, String cursor, int size) {
        int n = Rows.size(size);
        return Rows.slice(upkeep.readings(assetId, Rows.cursor(cursor), n + 1), n, TemperatureReading::id);
    }

    // ---- downtime

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public Downtime startDowntime(long assetId, String reason) {
        Asset asset = assets.lock(assetId).orElseThrow(() -> new NotFoundException("Asset", assetId));
        String why = Text.required(reason, "reason", "The reason", 2000);
        upkeep.openDowntime(asset.id()).ifPresent(d -> {
            throw new ConflictException(asset.tag() + " " + asset.name() + " is already down since " + d.startedAt()
                    + " (" + d.reason() + ")");
        });
        Instant now = clock.instant();
        long id = upkeep.insertDowntime(asset.id(), now, why, Text.currentUser());
        audit.record(AuditEvent.of("DOWNTIME_START", "equipment-asset", asset.id(), "in service",
                "down since " + now, why));
        events.publishEvent(new InstrumentDown(asset.id(), asset.tag(), asset.name(), asset.analyzerName(), now, why));
        return upkeep.downtime(id).orElseThrow();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public Downtime endDowntime(long downtimeId, String resolution) {
        Downtime d = upkeep.lockDowntime(downtimeId).orElseThrow(() -> new NotFoundException("Downtime", downtimeId));
        if (!d.active()) {
            throw new ConflictException(d.assetName() + " is back in service since " + d.endedAt());
        }
        String fix = Text.required(resolution, "resolution", "What was done", 2000);
        Instant now = clock.instant();
        upkeep.endDowntime(downtimeId, now, Text.currentUser(), fix);
        audit.record(AuditEvent.of("DOWNTIME_END", "equipment-asset", d.assetId(), "down since " + d.startedAt()
                + " (" + d.reason() + ")", "back in service at " + now, fix));
        return upkeep.downtime(downtimeId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public Slice<Downtime> downtime(long assetId, String cursor, int size) {
        int n = Rows.size(size);
        return Rows.slice(upkeep.downtimes(assetId, Rows.cursor(cursor), n + 1), n, Downtime::id);
    }

    // ---- dashboard

    @Override
    @Transactional(readOnly = true)
    public EquipmentDashboard dashboard() {
        Instant now = clock.instant();
        List<MaintenanceTask> tasks = new ArrayList<>();
        for (ScheduleRow row : upkeep.activeSchedules()) {
            MaintenanceTask t = row.at(now, zone());
            if (t.state() != DueState.CURRENT) {
                tasks.add(t);
            }
        }
        tasks.sort(java.util.Comparator.comparing((MaintenanceTask t) -> t.state() != DueState.OVERDUE));
        List<CalibrationPlan> calibrations = upkeep.activePlans(now).stream().map(p -> p.at(now, zone()))
                .filter(p -> p.status().state() != DueState.CURRENT)
                .sorted(java.util.Comparator.comparing((CalibrationPlan p) -> p.status().state() != DueState.OVERDUE)
                        .thenComparing(p -> p.status().dueOn()))
                .toList();
        ReagentService.Warnings stock = reagents.warnings(now);
        return new EquipmentDashboard(now, List.copyOf(tasks), calibrations, upkeep.unresolvedOutOfRange(100),
                upkeep.activeDowntime(), stock.reorder(), stock.expiringLots(), stock.beyondStability());
    }
}
