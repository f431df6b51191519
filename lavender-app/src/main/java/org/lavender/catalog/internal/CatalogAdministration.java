package org.lavender.catalog.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.lavender.catalog.CatalogChanged;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.ConflictException;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Edits to the catalog by an administrator. Every edit is checked completely before anything is written, is
 * audited with old → new and the reason in the same transaction, and publishes {@link CatalogChanged}.
 * Reference intervals are versioned: results keep pointing at the version they were flagged with, so a band
 * is never changed in place; it is end-dated and (when replaced) linked to its successor.
 */
@Service
@PreAuthorize("hasRole('ADMIN')")
class CatalogAdministration {

    private final CatalogRepository repository;
    private final JdbcCatalog catalog;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    CatalogAdministration(CatalogRepository repository, JdbcCatalog catalog, AuditLog audit,
                          ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.catalog = catalog;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public void editTest(String code, TestEdit edit) {
        String reason = requireReason(edit.reason());
        TestRow row = repository.lockTest(code).orElseThrow(() -> new NotFoundException("Test", code));
        if (row.version() != edit.version()) {
            throw new ConflictException("Test " + code + " was changed by someone else since you opened it"
                    + " (version " + edit.version() + ", now " + row.version() + "): reload and edit again");
        }
        TestDefinition old = row.definition();
        String name = required("name", edit.name(), "A test name is required");
        if (name.length() > 200) {
            throw new InvalidInputException("name", "A test name has at most 200 characters");
        }
        String specimenType = required("specimenType", edit.specimenType(), "A specimen type is required");
        String container = required("containerCode", edit.containerCode(), "A container is required");
        if (!repository.containerExists(container)) {
            throw new InvalidInputException("containerCode", "Unknown container '" + container + "'");
        }
        String unit = blankToNull(edit.unit());
        Integer decimals = edit.decimals();
        List<String> answers = cleaned(edit.answers());
        List<String> abnormal = cleaned(edit.abnormalAnswers());
        checkResultFields(old.resultType(), unit, decimals, answers, abnormal);
        Instant now = now();
        if (!Objects.equals(unit, old.unit())) {
            List<IntervalBand> stale = repository.bands(row.id()).stream()
                    .filter(b -> b.current(now) && !b.unit().equals(unit)).toList();
            if (!stale.isEmpty()) {
                throw new InvalidInputException("unit", "Test " + code + " has " + stale.size()
                        + " current reference interval(s) in " + stale.get(0).unit() + ": end-date them before"
                        + " changing the unit to " + unit + ", then enter the intervals in the new unit");
            }
        }
        var changes = new Changes();
        changes.add("name", old.name(), name);
        changes.add("unit", old.unit(), unit);
        changes.add("decimals", old.decimals(), decimals);
        changes.add("specimen type", old.specimenType(), specimenType);
        changes.add("container", old.containerCode(), container);
        changes.add("answers", old.answers(), answers);
        changes.add("abnormal answers", old.abnormalAnswers(), abnormal);
        changes.add("active", old.active(), edit.active());
        if (changes.isEmpty()) {
            throw new InvalidInputException("name", "Nothing changed");
        }
        repository.updateTest(row.id(), row.version(), name, unit, decimals, specimenType, container, answers,
                abnormal, edit.active());
        audit.record(AuditEvent.changed("catalog.test", code, changes.before(), changes.after(), reason));
        changed("test", code);
    }

    /**
     * Adds a test to the menu: the lab's code, a valid LOINC code not yet used, a section and container that exist,
     * and the fields its result type needs. It is orderable on its own and has no reference interval until one is
     * entered (its results are not flagged until then, which the test page says).
     */
    @Transactional
    public TestDefinition createTest(NewTest input) {
        String reason = requireReason(input.reason());
        String code = required("code", input.code(), "A test code is required").toUpperCase(java.util.Locale.ROOT);
        if (!code.matches("[A-Z0-9_-]{1,16}")) {
            throw new InvalidInputException("code", "A test code is 1 to 16 letters, digits, '-' or '_'");
        }
        String loinc = org.lavender.catalog.LoincCode.parse(input.loinc()).value();
        String name = required("name", input.name(), "A test name is required");
        if (name.length() > 200) {
            throw new InvalidInputException("name", "A test name has at most 200 characters");
        }
        String section = required("section", input.section(), "Choose a section").toUpperCase(java.util.Locale.ROOT);
        if (catalog.section(section).isEmpty()) {
            throw new InvalidInputException("section", "Unknown section '" + section + "'");
        }
        if (input.resultType() == null) {
            throw new InvalidInputException("resultType", "Choose numeric, coded or text");
        }
        String specimenType = required("specimenType", input.specimenType(), "A specimen type is required");
        String container = required("containerCode", input.containerCode(), "A container is required");
        if (!repository.containerExists(container)) {
            throw new InvalidInputException("containerCode", "Unknown container '" + container + "'");
        }
        String unit = blankToNull(input.unit());
        List<String> answers = cleaned(input.answers());
        List<String> abnormal = cleaned(input.abnormalAnswers());
        checkResultFields(input.resultType(), unit, input.decimals(), answers, abnormal);
        if (catalog.test(code).isPresent() || catalog.orderable(code).isPresent()) {
            throw new InvalidInputException("code", "Code " + code + " is already used in the catalog");
        }
        catalog.test(loinc).ifPresent(t -> {
            throw new InvalidInputException("loinc", "LOINC " + loinc + " is already test " + t.code() + " ("
                    + t.name() + ")");
        });
        try {
            repository.insertTest(code, loinc, name, section, input.resultType(), unit, input.decimals(),
                    specimenType, container, answers, abnormal);
        } catch (org.springframework.dao.DuplicateKeyException e) {
            throw new ConflictException("Test " + code + " or LOINC " + loinc + " was added at the same moment by"
                    + " someone else");
        }
        audit.record(AuditEvent.changed("catalog.test", code, "–", "new test " + code + " (LOINC " + loinc + ", "
                + name + ", " + section + ", " + input.resultType() + (unit == null ? "" : ", " + unit) + ")",
                reason));
        changed("test", code);
        return repository.lockTest(code).orElseThrow().definition();
    }

    /** Adds a band, or (when {@code replacesId} is given) a new version of a band that end-dates the old one. */
    @Transactional
    public long saveInterval(String testCode, Long replacesId, IntervalDraft draft, String reason) {
        String why = requireReason(reason);
        TestRow row = repository.lockTest(testCode).orElseThrow(() -> new NotFoundException("Test", testCode));
        if (row.definition().resultType() != ResultType.NUMERIC) {
            throw new InvalidInputException("low", "Test " + testCode + " is " + row.definition().resultType()
                    .name().toLowerCase(java.util.Locale.ROOT) + ": only numeric tests have reference intervals");
        }
        draft.validate();
        Instant now = now();
        List<IntervalBand> bands = repository.bands(row.id());
        IntervalBand replaced = null;
        if (replacesId != null) {
            replaced = bands.stream().filter(b -> b.id() == replacesId).findFirst()
                    .orElseThrow(() -> new NotFoundException("Reference interval", replacesId + " of test " + testCode));
            if (!replaced.current(now)) {
                throw new ConflictException("Reference interval " + replacesId + " is already end-dated; add a new"
                        + " band instead");
            }
        }
        long replacedId = replacesId == null ? -1 : replacesId;
        for (IntervalBand other : bands) {
            if (other.id() != replacedId && other.current(now)
                    && other.clashesWith(draft.sex(), draft.ageFromDays(), draft.ageToDays(), draft.analyzer())) {
                throw new InvalidInputException("ageFrom", "Overlaps the current band #" + other.id() + " ("
                        + other.methodLabel() + ", sex " + other.sexLabel() + ", age " + other.ageLabel()
                        + "): bands of the same method and sex must be separate, or one must lie inside the other");
            }
        }
        String unit = row.definition().unit();
        long id = repository.insertBand(row.id(), draft.analyzer(), draft.sex(), draft.ageFromDays(),
                draft.ageToDays(), draft.low(),
                draft.high(), draft.criticalLow(), draft.criticalHigh(), draft.criticalInclusive(), unit, now,
                actor(), why);
        IntervalBand created = repository.bands(row.id()).stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow();
        if (replaced != null) {
            repository.endBand(replaced.id(), now, id, actor(), "replaced by #" + id + ": " + why);
            audit.record(AuditEvent.of("SUPERSEDE", "catalog.reference_interval", testCode + "#" + replaced.id(),
                    replaced.describe(), "#" + id + " " + created.describe(), why));
        }
        audit.record(AuditEvent.of("CREATE", "catalog.reference_interval", testCode + "#" + id,
                replaced == null ? null : "#" + replaced.id() + " " + replaced.describe(), created.describe(), why));
        changed("reference_interval", testCode);
        return id;
    }

    /** Ends a band now; results flagged with it keep their reference to it. */
    @Transactional
    public void endInterval(String testCode, long id, String reason) {
        String why = requireReason(reason);
        TestRow row = repository.lockTest(testCode).orElseThrow(() -> new NotFoundException("Test", testCode));
        IntervalBand band = repository.bands(row.id()).stream().filter(b -> b.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("Reference interval", id + " of test " + testCode));
        Instant now = now();
        if (!band.current(now)) {
            throw new ConflictException("Reference interval " + id + " is already end-dated");
        }
        repository.endBand(id, now, null, actor(), why);
        audit.record(AuditEvent.of("END", "catalog.reference_interval", testCode + "#" + id,
                band.describe() + ", in effect", "ended " + now, why));
        changed("reference_interval", testCode);
    }

    /** What each result type needs: a UCUM unit and precision for numeric, an answer list for coded, nothing else. */
    private static void checkResultFields(ResultType type, String unit, Integer decimals, List<String> answers,
                                          List<String> abnormal) {
        switch (type) {
            case NUMERIC -> {
                UcumUnits.require("unit", unit);
                if (decimals == null || decimals < 0 || decimals > 6) {
                    throw new InvalidInputException("decimals", "Decimals (reporting precision) must be 0 to 6");
                }
                if (!answers.isEmpty() || !abnormal.isEmpty()) {
                    throw new InvalidInputException("answers", "A numeric test has no answer list");
                }
            }
            case CODED -> {
                if (unit != null || decimals != null) {
                    throw new InvalidInputException("unit", "A coded test has no unit or decimals");
                }
                if (answers.isEmpty()) {
                    throw new InvalidInputException("answers", "A coded test needs its list of answers");
                }
                List<String> unknown = abnormal.stream().filter(a -> !answers.contains(a)).toList();
                if (!unknown.isEmpty()) {
                    throw new InvalidInputException("abnormalAnswers", "Abnormal answers " + unknown
                            + " are not in the answer list " + answers);
                }
            }
            case TEXT -> {
                if (unit != null || decimals != null || !answers.isEmpty() || !abnormal.isEmpty()) {
                    throw new InvalidInputException("unit", "A text test has no unit, decimals or answer list");
                }
            }
        }
    }

    private void changed(String entity, String code) {
        events.publishEvent(new CatalogChanged(entity, code));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                catalog.invalidate();
            }
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String requireReason(String reason) {
        String r = blankToNull(reason);
        if (r == null || r.length() < 3) {
            throw new InvalidInputException("reason", "Give the reason for the change (it goes into the audit trail)");
        }
        return r;
    }

    private static String required(String field, String value, String message) {
        String v = blankToNull(value);
        if (v == null) {
            throw new InvalidInputException(field, message);
        }
        return v;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> cleaned(List<String> values) {
        if (values == null) {
            return List.of();
        }
        var set = new LinkedHashSet<String>();
        for (String v : values) {
            String s = blankToNull(v);
            if (s != null) {
                set.add(s);
            }
        }
        return List.copyOf(set);
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    /** The fields that changed, written to the audit trail as "field: value; ..." before and after. */
    private static final class Changes {
        private final List<String> before = new ArrayList<>();
        private final List<String> after = new ArrayList<>();

        void add(String field, Object oldValue, Object newValue) {
            if (!Objects.equals(oldValue, newValue)) {
                before.add(field + ": " + (oldValue == null ? "–" : oldValue));
                after.add(field + ": " + (newValue == null ? "–" : newValue));
            }
        }

        boolean isEmpty() {
            return before.isEmpty();
        }

        String before() {
            return String.join("; ", before);
        }

        String after() {
            return String.join("; ", after);
        }
    }
}
