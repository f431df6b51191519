package org.lavender.catalog.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.Section;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.Sex;
import org.springframework.stereotype.Service;

/**
 * The catalog as the rest of the lab reads it, served from an in-memory snapshot. The snapshot is dropped when
 * an edit commits (see {@link #invalidate()}) and, as a safety net for edits made by another instance, after
 * {@link #MAX_AGE}.
 */
@Service
class JdbcCatalog implements Catalog {

    static final Duration MAX_AGE = Duration.ofMinutes(5);

    private record Cached(CatalogSnapshot snapshot, long loadedAtNanos) {
    }

    private final CatalogRepository repository;
    private final Clock clock;
    private final AtomicReference<Cached> cache = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();

    JdbcCatalog(CatalogRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    @Override
    public Optional<TestDefinition> test(String codeOrLoinc) {
        return snapshot().test(codeOrLoinc).map(TestRow::definition);
    }

    /** A test or panel; a single test is orderable only if it is active and not a calculated test. */
    @Override
    public Optional<Orderable> orderable(String codeOrLoinc) {
        CatalogSnapshot s = snapshot();
        Optional<Orderable> panel = s.panel(codeOrLoinc);
        if (panel.isPresent()) {
            return panel;
        }
        return s.test(codeOrLoinc).filter(JdbcCatalog::orderableAlone)
                .map(t -> CatalogSnapshot.single(t.definition()));
    }

    @Override
    public List<Orderable> searchOrderables(String text, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        String needle = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        CatalogSnapshot s = snapshot();
        List<Orderable> found = new ArrayList<>();
        s.panelsByCode().values().stream()
                .filter(p -> matches(needle, p.code(), p.loinc(), p.name()))
                .sorted(byExactThenName(needle))
                .forEach(found::add);
        s.tests().filter(JdbcCatalog::orderableAlone)
                .map(t -> CatalogSnapshot.single(t.definition()))
                .filter(o -> matches(needle, o.code(), o.loinc(), o.name()))
                .sorted(byExactThenName(needle))
                .forEach(found::add);
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : List.copyOf(found);
    }

    @Override
    public Optional<ContainerType> container(String code) {
        return code == null ? Optional.empty()
                : Optional.ofNullable(snapshot().containers().get(code.trim().toUpperCase(Locale.ROOT)));
    }

    @Override
    public List<ContainerType> containers() {
        return List.copyOf(snapshot().containers().values());
    }

    @Override
    public List<Section> sections() {
        return List.copyOf(snapshot().sections().values());
    }

    @Override
    public Optional<Section> section(String code) {
        return code == null ? Optional.empty()
                : Optional.ofNullable(snapshot().sections().get(code.trim().toUpperCase(Locale.ROOT)));
    }

    @Override
    public Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays) {
        return interval(testCode, sex, ageDays, clock.instant());
    }

    @Override
    public Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays, Instant at) {
        return interval(testCode, sex, ageDays, at, null);
    }

    @Override
    public Optional<ReferenceInterval> interval(String testCode, Sex sex, long ageDays, Instant at, String analyzer) {
        CatalogSnapshot s = snapshot();
        return s.test(testCode).flatMap(t -> IntervalSelection.choose(s.bands(t.id()),
                        IntervalBand.sexCode(sex), ageDays, at, analyzer))
                .map(IntervalBand::toReferenceInterval);
    }

    @Override
    public Optional<ReferenceInterval> intervalById(long id) {
        return Optional.ofNullable(snapshot().bandsById().get(id)).map(IntervalBand::toReferenceInterval);
    }

    @Override
    public List<TestDefinition> testsInSection(String sectionCode) {
        return snapshot().tests().map(TestRow::definition)
                .filter(t -> t.active() && t.section().equalsIgnoreCase(sectionCode)).toList();
    }

    @Override
    public List<Orderable> panels() {
        return List.copyOf(snapshot().panelsByCode().values());
    }

    /** Internal readers (the admin pages) share the snapshot. */
    CatalogSnapshot snapshot() {
        Cached c = cache.get();
        if (c != null && System.nanoTime() - c.loadedAtNanos() < MAX_AGE.toNanos()) {
            return c.snapshot();
        }
        long gen = generation.get();
        CatalogSnapshot loaded = repository.loadSnapshot();
        // An edit that committed while we were loading may not be in what we read: use it once, do not keep it.
        if (generation.get() == gen) {
            cache.compareAndSet(c, new Cached(loaded, System.nanoTime()));
        }
        return loaded;
    }

    /** Called after an edit commits: the next read loads the new catalog. */
    void invalidate() {
        generation.incrementAndGet();
        cache.set(null);
    }

    private static boolean orderableAlone(TestRow t) {
        return t.definition().active() && t.orderable() && !t.calculated();
    }

    private static boolean matches(String needle, String code, String loinc, String name) {
        return needle.isEmpty() || code.toLowerCase(Locale.ROOT).contains(needle)
                || loinc != null && loinc.contains(needle)
                || name.toLowerCase(Locale.ROOT).contains(needle);
    }

    /** An exact code or LOINC match first (a scanner or a typed "K"), then alphabetical by name. */
    private static Comparator<Orderable> byExactThenName(String needle) {
        return Comparator.comparing((Orderable o) -> !(o.code().equalsIgnoreCase(needle) || needle.equals(o.loinc())))
                .thenComparing(o -> o.name().toLowerCase(Locale.ROOT));
    }
}
