/**
 * Catalog: what the lab can test. Tests and panels coded with LOINC, UCUM units, sections, specimen and
 * container types, reference intervals by sex and age band, and critical limits.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Catalog",
        allowedDependencies = {"shared", "audit"})
package org.lavender.catalog;
