package org.lavender.results.internal;

import org.lavender.catalog.Catalog;
import org.lavender.catalog.TestDefinition;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenReceived;
import org.lavender.specimens.SpecimenRejected;
import org.lavender.audit.AuditEvent;
import org.lavender.audit.AuditLog;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * A received tube opens one pending result per test on the section's worklist; a rejected tube cancels the
 * results not yet released, so nothing from it can reach a provider.
 */
@Component
class SpecimenEvents {

    private final ResultRepository results;
    private final Catalog catalog;
    private final AuditLog audit;

    SpecimenEvents(ResultRepository results, Catalog catalog, AuditLog audit) {
        this.results = results;
        this.catalog = catalog;
        this.audit = audit;
    }

    @ApplicationModuleListener
    void on(SpecimenReceived received) {
        for (Specimen.SpecimenTest t : received.tests()) {
            TestDefinition test = catalog.test(t.testCode()).orElseThrow(() -> new IllegalStateException(
                    "Received specimen " + received.accession() + " has test " + t.testCode()
                            + " which is not in the catalog"));
            results.openPending(new PendingResult(received.specimenId(), received.accession(), received.orderId(),
                    t.orderItemId(), received.patientId(), received.priority(), test.code(), test.loinc(),
                    test.name(), test.section(), test.resultType().name(), test.unit(), test.decimals(),
                    received.collectedAt(), received.receivedAt()));
        }
    }

    @ApplicationModuleListener
    void on(SpecimenRejected rejected) {
        int cancelled = results.cancelOpenForSpecimen(rejected.specimenId());
        if (cancelled > 0) {
            audit.record("system", AuditEvent.of("CANCEL", "specimen-results", rejected.accession(), null,
                    cancelled + " open result(s) cancelled", "specimen rejected: " + rejected.reason().display()));
        }
    }
}
