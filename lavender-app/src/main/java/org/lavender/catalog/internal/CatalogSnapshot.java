package org.lavender.catalog.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.Section;
import org.lavender.catalog.TestDefinition;

/**
 * The whole catalog in memory, as read in one consistent transaction. A lab catalog is a few hundred tests and
 * a few thousand interval versions, so every lookup is a map access; the snapshot is replaced after each edit.
 */
record CatalogSnapshot(Map<String, TestRow> testsByCode, Map<String, TestRow> testsByLoinc,
                       Map<String, Orderable> panelsByCode, Map<String, Orderable> panelsByLoinc,
                       Map<String, ContainerType> containers, Map<String, Section> sections,
                       Map<Long, List<IntervalBand>> bandsByTest, Map<Long, IntervalBand> bandsById) {

    static CatalogSnapshot of(List<TestRow> tests, List<Orderable> panels, List<ContainerType> containers,
                              List<Section> sections, List<IntervalBand> bands) {
        Map<String, TestRow> byCode = new LinkedHashMap<>();
        Map<String, TestRow> byLoinc = new LinkedHashMap<>();
        tests.stream().sorted(Comparator.comparing(TestRow::code)).forEach(t -> {
            byCode.put(t.code(), t);
            if (t.definition().loinc() != null) {
                byLoinc.put(t.definition().loinc(), t);
            }
        });
        Map<String, Orderable> panelByCode = new LinkedHashMap<>();
        Map<String, Orderable> panelByLoinc = new LinkedHashMap<>();
        panels.stream().sorted(Comparator.comparing(Orderable::code)).forEach(p -> {
            panelByCode.put(p.code(), p);
            panelByLoinc.put(p.loinc(), p);
        });
        Map<String, ContainerType> containerMap = new LinkedHashMap<>();
        containers.stream().sorted(Comparator.comparingInt(ContainerType::drawOrder).thenComparing(ContainerType::code))
                .forEach(c -> containerMap.put(c.code(), c));
        Map<String, Section> sectionMap = new LinkedHashMap<>();
        sections.forEach(s -> sectionMap.put(s.code(), s));
        Map<Long, List<IntervalBand>> byTest = new LinkedHashMap<>();
        Map<Long, IntervalBand> byId = new LinkedHashMap<>();
        for (IntervalBand b : bands) {
            byTest.computeIfAbsent(b.testId(), k -> new ArrayList<>()).add(b);
            byId.put(b.id(), b);
        }
        byTest.replaceAll((k, v) -> List.copyOf(v));
        return new CatalogSnapshot(Map.copyOf(byCode), Map.copyOf(byLoinc), panelByCode, panelByLoinc, containerMap,
                sectionMap, Map.copyOf(byTest), Map.copyOf(byId));
    }

    Optional<TestRow> test(String codeOrLoinc) {
        if (codeOrLoinc == null) {
            return Optional.empty();
        }
        String key = codeOrLoinc.trim();
        TestRow row = testsByCode.get(key.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(row != null ? row : testsByLoinc.get(key));
    }

    Optional<Orderable> panel(String codeOrLoinc) {
        if (codeOrLoinc == null) {
            return Optional.empty();
        }
        String key = codeOrLoinc.trim();
        Orderable p = panelsByCode.get(key.toUpperCase(Locale.ROOT));
        return Optional.ofNullable(p != null ? p : panelsByLoinc.get(key));
    }

    List<IntervalBand> bands(long testId) {
        return bandsByTest.getOrDefault(testId, List.of());
    }

    Stream<TestRow> tests() {
        return testsByCode.values().stream();
    }

    static Orderable single(TestDefinition t) {
        return new Orderable(t.code(), t.loinc(), t.name(), false, List.of(t));
    }
}
