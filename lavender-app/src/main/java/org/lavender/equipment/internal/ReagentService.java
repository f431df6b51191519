package org.lavender.equipment.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.Catalog;
import org.lavender.equipment.Asset;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.NewReagent;
import org.lavender.equipment.Reagent;
import org.lavender.equipment.ReagentInUse;
import org.lavender.equipment.ReagentLot;
import org.lavender.equipment.Reagents;
import org.lavender.equipment.ResultReagent;
import org.lavender.equipment.StockLevel;
import org.lavender.results.ResultsFiled;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reagents: definitions, lots received, units opened on analyzers, and consumption counted from the results each
 * analyzer files (one test of reagent per result filed, re-runs included). Every change audited.
 */
@Service
class ReagentService implements Reagents {

    static final int MAX_TESTS_PER_UNIT = 100_000;

    private final ReagentRepository repository;
    private final AssetRepository assets;
    private final Catalog catalog;
    private final AuditLog audit;
    private final Clock clock;

    ReagentService(ReagentRepository repository, AssetRepository assets, Catalog catalog, AuditLog audit,
                   Clock clock) {
        this.repository = repository;
        this.assets = assets;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    private LocalDate today() {
        return clock.instant().atZone(clock.getZone()).toLocalDate();
    }

    @Override
    @Transactional(readOnly = true)
    public List<Reagent> reagents() {
        return repository.reagents();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Reagent> reagent(long id) {
        return repository.reagent(id);
    }

    @Override
    @PreAuthorize("hasAnyRole('ADMIN','VERIFIER')")
    @Transactional
    public Reagent define(NewReagent r) {
        if (r == null) {
            throw new InvalidInputException("reagent", "Describe the reagent");
        }
        String name = Text.required(r.name(), "name", "The reagent name", 100);
        repository.reagentByName(name).ifPresent(existing -> {
            throw new InvalidInputException("name", "A reagent named " + existing.name() + " exists already");
        });
        Set<String> tests = new LinkedHashSet<>();
        for (String code : r.testCodes() == null ? List.<String>of() : r.testCodes()) {
            String typed = Text.optional(code, "testCodes", "A test code", 40);
            if (typed != null) {
                tests.add(catalog.test(typed).orElseThrow(() -> new InvalidInputException("testCodes",
                        "No test '" + typed + "' in the catalog")).code());
            }
        }
        if (tests.isEmpty()) {
            throw new InvalidInputException("testCodes", "Name the test(s) this reagent is used for");
        }
        if (r.testsPerUnit() == null || r.testsPerUnit() < 1 || r.testsPerUnit() > MAX_TESTS_PER_UNIT) {
            throw new InvalidInputException("testsPerUnit", "Tests per unit is 1 to " + MAX_TESTS_PER_UNIT);
        }
        if (r.onboardDays() != null && (r.onboardDays() < 1 || r.onboardDays() > 3650)) {
            throw new InvalidInputException("onboardDays", "On-board stability is 1 to 3650 days (blank: until expiry)");
        }
        if (r.reorderPoint() == null || r.reorderPoint() < 0 || r.reorderPoint() > LotReceipt.MAX_UNITS) {
            throw new InvalidInputException("reorderPoint", "The reorder point is 0 to " + LotReceipt.MAX_UNITS
                    + " units");
        }
        String unit = Optional.ofNullable(Text.optional(r.unitName(), "unitName", "The unit name", 20)).orElse("kit");
        Reagent clean = new Reagent(0, name, Text.optional(r.manufacturer(), "manufacturer", "The manufacturer", 100),
                Text.optional(r.catalogNumber(), "catalogNumber", "The catalog number", 60), List.copyOf(tests),
                r.testsPerUnit(), unit, r.onboardDays(), Text.optional(r.storage(), "storage", "The storage", 100),
                r.reorderPoint());
        long id = repository.insertReagent(clean, clock.instant());
        Reagent created = repository.reagent(id).orElseThrow();
        audit.record(AuditEvent.created("equipment-reagent", id, describe(created)));
        return created;
    }

    private static String describe(Reagent r) {
        return r.name() + " for " + String.join(", ", r.testCodes()) + ", " + r.testsPerUnit() + " tests per "
                + r.unitName() + (r.onboardDays() == null ? "" : ", on board " + r.onboardDays() + " days")
                + (r.storage() == null ? "" : ", store " + r.storage()) + ", reorder at " + r.reorderPoint() + " "
                + r.unitName() + "(s)";
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public ReagentLot receive(LotReceipt receipt) {
        if (receipt == null) {
            throw new InvalidInputException("lot", "Describe the delivery");
        }
        Reagent reagent = repository.reagent(receipt.reagentId())
                .orElseThrow(() -> new InvalidInputException("reagentId", "No reagent " + receipt.reagentId()
                        + " is defined; define it first"));
        LotReceipt r = receipt.validated(today());
        String user = Text.currentUser();
        Optional<ReagentLot> onFile = repository.lockLot(reagent.id(), r.lotNumber());
        if (onFile.isPresent()) {
            ReagentLot lot = onFile.get();
            if (!lot.expiresOn().equals(r.expiresOn())) {
                throw new InvalidInputException("expiresOn", "Lot " + lot.lotNumber() + " of " + reagent.name()
                        + " is on file with expiry " + lot.expiresOn() + ", not " + r.expiresOn()
                        + "; check the box");
            }
            repository.addUnits(lot.id(), r.units());
            audit.record(AuditEvent.changed("equipment-reagent-lot", lot.id(), lot.unitsUnopened() + " unopened",
                    (lot.unitsUnopened() + r.units()) + " unopened", "received " + r.units() + " more "
                            + reagent.unitName() + "(s)"));
            return repository.lot(lot.id()).orElseThrow();
        }
        long id = repository.insertLot(r, clock.instant(), user);
        audit.record(AuditEvent.created("equipment-reagent-lot", id, reagent.name() + " lot " + r.lotNumber()
                + ", expires " + r.expiresOn() + ", " + r.units() + " " + reagent.unitName() + "(s)"
                + (r.storage() == null ? "" : ", stored " + r.storage())));
        return repository.lot(id).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ReagentLot> lotsInStock() {
        return repository.lotsInStock();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public ReagentInUse open(long lotId, long assetId) {
        ReagentLot lot = repository.lockLot(lotId).orElseThrow(() -> new NotFoundException("Reagent lot", lotId));
        Asset asset = assets.lock(assetId).orElseThrow(() -> new InvalidInputException("assetId", "No asset "
                + assetId));
        if (asset.kind() != AssetKind.ANALYZER || asset.analyzerName() == null) {
            throw new InvalidInputException("assetId", asset.tag() + " " + asset.name() + " is not an analyzer linked "
                    + "to an analyzer connection; reagents are loaded on analyzers");
        }
        if (lot.expiredOn(today())) {
            throw new ConflictException("Lot " + lot.lotNumber() + " of " + lot.reagentName() + " expired on "
                    + lot.expiresOn() + " and may not be used");
        }
        if (lot.unitsUnopened() < 1) {
            throw new ConflictException("Lot " + lot.lotNumber() + " of " + lot.reagentName()
                    + " has no unopened units left");
        }
        Reagent reagent = repository.reagent(lot.reagentId()).orElseThrow();
        Instant now = clock.instant();
        String user = Text.currentUser();
        Optional<ReagentInUse> before = repository.lockLoaded(reagent.id(), asset.id());
        before.ifPresent(old -> {
            repository.removeInUse(old.id(), now, user, "replaced by a unit of lot " + lot.lotNumber());
            audit.record(AuditEvent.changed("equipment-reagent-in-use", old.id(), "loaded on " + asset.name() + ", "
                    + old.testsLeft() + " tests left", "removed", "replaced by a unit of lot " + lot.lotNumber()));
        });
        repository.takeUnit(lot.id());
        Instant stable = ReagentInUse.stableUntil(now, reagent.onboardDays(), lot.expiresOn(), clock.getZone());
        long id = repository.insertInUse(lot.id(), reagent.id(), asset.id(), now, user, stable,
                reagent.testsPerUnit());
        audit.record(AuditEvent.created("equipment-reagent-in-use", id, reagent.name() + " lot " + lot.lotNumber()
                + " opened on " + asset.name() + ", " + reagent.testsPerUnit() + " tests, stable until " + stable
                + "; lot " + (lot.unitsUnopened() - 1) + " unopened left"));
        return repository.inUse(id).orElseThrow();
    }

    @Override
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    @Transactional
    public ReagentInUse remove(long inUseId, String reason) {
        ReagentInUse unit = repository.lockInUse(inUseId)
                .orElseThrow(() -> new NotFoundException("Loaded reagent unit", inUseId));
        if (!unit.loaded()) {
            throw new ConflictException("That unit of " + unit.reagentName() + " was already removed");
        }
        String why = Text.required(reason, "reason", "The reason", 500);
        repository.removeInUse(inUseId, clock.instant(), Text.currentUser(), why);
        audit.record(AuditEvent.changed("equipment-reagent-in-use", inUseId, "loaded on " + unit.assetName() + ", "
                + unit.testsLeft() + " tests left", "removed", why));
        return repository.inUse(inUseId).orElseThrow();
    }

    @Override
    @Transactional(readOnly = true)
    public List<ReagentInUse> loaded() {
        return repository.loaded();
    }

    @Override
    @Transactional(readOnly = true)
    public List<StockLevel> stock() {
        return repository.stock(today(), clock.instant());
    }

    @Override
    @Transactional(readOnly = true)
    public List<ResultReagent> forResult(long resultId) {
        return repository.forResult(resultId);
    }

    /** The reagent lines of the dashboard. */
    record Warnings(List<StockLevel> reorder, List<ReagentLot> expiringLots, List<ReagentInUse> beyondStability) {
    }

    @Transactional(readOnly = true)
    Warnings warnings(Instant now) {
        LocalDate today = now.atZone(clock.getZone()).toLocalDate();
        return new Warnings(repository.stock(today, now).stream().filter(StockLevel::needsReorder).toList(),
                repository.lotsExpiringBy(today.plusDays(ReagentLot.EXPIRY_WARNING_DAYS)),
                repository.loadedBeyondStability(now));
    }

    /**
     * Counts the reagent used by results an analyzer filed: per result, one test from the unit of each reagent for
     * that test loaded on the analyzer's asset, recorded with the result (once, even if the event is delivered again);
     * the results also count as runs of the asset for run-based maintenance.
     */
    @Transactional
    void consume(ResultsFiled filed) {
        if (filed.analyzer() == null || filed.results().isEmpty()) {
            return;
        }
        Optional<Asset> found = assets.findByAnalyzer(filed.analyzer());
        if (found.isEmpty()) {
            return;
        }
        Asset asset = assets.lock(found.get().id()).orElseThrow();
        Set<String> codes = filed.results().stream().map(ResultsFiled.Filed::testCode).collect(Collectors.toSet());
        Map<String, List<ReagentRepository.LoadedFor>> byTest = repository.lockLoadedFor(asset.id(), codes).stream()
                .collect(Collectors.groupingBy(ReagentRepository.LoadedFor::testCode));
        int newResults = 0;
        List<String> used = new ArrayList<>();
        for (ResultsFiled.Filed r : filed.results()) {
            boolean counted = false;
            for (ReagentRepository.LoadedFor unit : byTest.getOrDefault(r.testCode(), List.of())) {
                boolean beyond = !filed.filedAt().isBefore(unit.stableUntil());
                if (repository.recordUse(r.resultId(), r.specimenId(), r.testCode(), filed.filedAt(), asset.id(),
                        unit, beyond)) {
                    repository.consume(unit.inUseId(), 1);
                    used.add(r.testCode() + " result " + r.resultId() + " → unit " + unit.inUseId()
                            + (beyond ? " (past stability)" : ""));
                    counted = true;
                }
            }
            if (counted || byTest.getOrDefault(r.testCode(), List.of()).isEmpty()) {
                newResults++;
            }
        }
        if (newResults > 0) {
            assets.addRuns(asset.id(), newResults);
        }
        if (!used.isEmpty()) {
            audit.record("analyzer:" + filed.analyzer(), AuditEvent.of("CONSUME", "equipment-asset", asset.id(),
                    null, String.join("; ", used), "results filed at " + filed.filedAt()));
        }
    }
}
