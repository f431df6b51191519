/**
 * Results: values entered at the bench or sent by analyzers, flagged against the catalog's intervals for the
 * patient's age and sex, verified by an authorised person, corrected with history kept. Every change audited.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Results",
        allowedDependencies = {"shared", "audit", "catalog", "patients", "specimens", "staff", "instruments"})
package org.lavender.results;
