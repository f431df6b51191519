package org.lavender.catalog;

import java.util.List;

/** What a provider can order: a single test, or a panel (BMP, CBC, ...) that expands into its tests. */
public record Orderable(String code, String loinc, String name, boolean panel, List<TestDefinition> tests) {
}
