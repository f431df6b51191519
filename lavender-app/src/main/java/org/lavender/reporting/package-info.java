/**
 * Reporting: the patient report of an order as the provider receives it, on screen and as PDF. Only released
 * results carry values; corrections show the value they replace, and critical results show their documented
 * telephone notification (CLIA 42 CFR 493.1291(g)).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reporting",
        allowedDependencies = {"shared", "catalog", "patients", "orders", "results"})
package org.lavender.reporting;
