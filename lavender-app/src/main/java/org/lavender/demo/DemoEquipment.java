package org.lavender.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lavender.equipment.Asset;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.AssetSettings;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.Equipment;
import org.lavender.equipment.Frequency;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.MaintenanceInterval;
import org.lavender.equipment.MaintenanceTask;
import org.lavender.equipment.NewCalibrationPlan;
import org.lavender.equipment.NewMaintenanceSchedule;
import org.lavender.equipment.NewReagent;
import org.lavender.equipment.Reagent;
import org.lavender.equipment.ReagentLot;
import org.lavender.equipment.Reagents;
import org.lavender.equipment.TemperatureRange;
import org.lavender.equipment.TemperatureReading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo lab's equipment, once, after the demo analyzers exist: assets for "Generic HL7" and "Generic ASTM", a
 * centrifuge, a reagent refrigerator with a week of temperature readings (one excursion handled, one still open),
 * maintenance schedules (the HL7 analyzer's daily maintenance overdue), calibrations (potassium on "Generic HL7" due
 * within the week; TSH on "Generic HL7" overdue: TSH is an immunology test, which the demo does not autoverify, so
 * chemistry and hematology results keep releasing themselves), and reagent lots with stock near the reorder point
 * (the electrolyte pack, loaded on both analyzers, reaches it after 50 more sodium, potassium or chloride results).
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(30)
class DemoEquipment implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoEquipment.class);

    private final Equipment equipment;
    private final Reagents reagents;
    private final Clock clock;

    DemoEquipment(Equipment equipment, Reagents reagents, Clock clock) {
        this.equipment = equipment;
        this.reagents = reagents;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (equipment.assetByAnalyzer(DemoAnalyzers.HL7).isPresent()) {
            return;
        }
        try {
            SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                    "demo-setup", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"))));
            build();
            log.info("Demo equipment: 5 assets, maintenance, calibrations, temperature log and reagent stock");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void build() {
        LocalDate today = LocalDate.now(clock);
        Instant now = clock.instant();
        Asset hl7 = equipment.create(new AssetSettings("EQ-001", "Chemistry analyzer 1", AssetKind.ANALYZER,
                "Generic Diagnostics", "LOINC analyzer", "GD-HL7-2026-0001", "Core lab, bench 1", DemoAnalyzers.HL7,
                null, true));
        Asset astm = equipment.create(new AssetSettings("EQ-002", "Chemistry analyzer 2", AssetKind.ANALYZER,
                "Generic Diagnostics", "LOINC analyzer", "GD-ASTM-2026-0002", "Core lab, bench 2",
                DemoAnalyzers.ASTM, null, true));
        Asset centrifuge = equipment.create(new AssetSettings("EQ-010", "Centrifuge", AssetKind.CENTRIFUGE,
                "Spinwell", "SW-4000", "SW4-118822", "Specimen reception", null, null, true));
        Asset fridge = equipment.create(new AssetSettings("EQ-020", "Reagent refrigerator", AssetKind.REFRIGERATOR,
                "ColdLab", "CL-2-8", "CL28-55012", "Core lab", null,
                new TemperatureRange(new BigDecimal("2"), new BigDecimal("8")), true));
        equipment.create(new AssetSettings("EQ-030", "Pipette 100–1000 µL", AssetKind.PIPETTE, "Pipetto", "P1000",
                "PP-9001", "Core lab", null, null, true));

        equipment.schedule(new NewMaintenanceSchedule(hl7.id(), "Daily maintenance",
                new MaintenanceInterval(Frequency.DAILY, 1),
                List.of("Clean sample probe", "Empty waste", "Check reagent volumes", "Run startup check")),
                today.minusDays(1));
        equipment.schedule(new NewMaintenanceSchedule(hl7.id(), "Replace sample probe",
                new MaintenanceInterval(Frequency.RUNS, 5000), List.of("Replace probe", "Run probe alignment")), null);
        MaintenanceTask weekly = equipment.schedule(new NewMaintenanceSchedule(astm.id(), "Weekly maintenance",
                new MaintenanceInterval(Frequency.WEEKLY, 1),
                List.of("Clean cuvette wash station", "Check water filter")), today);
        equipment.signOff(weekly.id(), weekly.checklist(), "demo", null);
        MaintenanceTask monthly = equipment.schedule(new NewMaintenanceSchedule(centrifuge.id(),
                "Monthly clean and tachometer check", new MaintenanceInterval(Frequency.MONTHLY, 1),
                List.of("Clean rotor and buckets", "Check speed with tachometer", "Check lid lock")), today);
        equipment.signOff(monthly.id(), monthly.checklist(), null, null);

        equipment.planCalibration(new NewCalibrationPlan(hl7.id(), "K", 30, today.plusDays(5)));
        equipment.planCalibration(new NewCalibrationPlan(hl7.id(), "TSH", 14, today.minusDays(3)));
        var astmPlan = equipment.planCalibration(new NewCalibrationPlan(astm.id(), null, 180, today));
        equipment.recordCalibration(astmPlan.id(), CalibrationResult.PASS, "CAL-2611", null, null);

        for (int hours = 6 * 24; hours >= 12; hours -= 12) {
            String value = hours == 48 ? "9.1" : BigDecimal.valueOf(38 + (hours % 5) * 3L, 1).toPlainString();
            TemperatureReading r = equipment.recordTemperature(fridge.id(), value, "Cel", null,
                    now.minus(Duration.ofHours(hours)));
            if (!r.inRange()) {
                equipment.correctiveAction(r.id(), "Door found ajar; closed, contents checked, 4.6 °C after 30 min");
            }
        }
        equipment.recordTemperature(fridge.id(), "8.6", "Cel", "after restocking", now.minus(Duration.ofHours(2)));

        Reagent electrolytes = reagents.define(new NewReagent("Electrolyte ISE pack", "Generic Diagnostics", "GD-ISE-50",
                List.of("NA", "K", "CL"), 50, "pack", 28, "15–25 °C", 2));
        ReagentLot ise = reagents.receive(new LotReceipt(electrolytes.id(), "ISE2611A", today.plusMonths(8), 3,
                "Reagent store, shelf A"));
        reagents.open(ise.id(), hl7.id());
        reagents.open(ise.id(), astm.id());
        Reagent glucose = reagents.define(new NewReagent("Glucose hexokinase", "Generic Diagnostics", "GD-GLU-200",
                List.of("GLU"), 200, "kit", 30, "2–8 °C", 1));
        ReagentLot expiring = reagents.receive(new LotReceipt(glucose.id(), "GLU2609C", today.plusDays(20), 2,
                "Reagent refrigerator EQ-020"));
        ReagentLot fresh = reagents.receive(new LotReceipt(glucose.id(), "GLU2611D", today.plusMonths(10), 2,
                "Reagent refrigerator EQ-020"));
        reagents.open(expiring.id(), astm.id());
        reagents.open(fresh.id(), hl7.id());
    }
}
