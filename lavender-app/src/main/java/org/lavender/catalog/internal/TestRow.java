package org.lavender.catalog.internal;

import org.lavender.catalog.TestDefinition;

/** A test as stored, with what the catalog keeps beyond the published {@link TestDefinition}. */
record TestRow(TestDefinition definition, boolean calculated, boolean orderable, int version) {

    long id() {
        return definition.id();
    }

    String code() {
        return definition.code();
    }
}
