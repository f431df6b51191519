/**
 * Demo lab (profile {@code demo}): demo users, ~200 patients and orders in every state, built through the other
 * modules' public APIs exactly as a lab would create them, so the demo also exercises the real rules.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo lab",
        allowedDependencies = {"shared", "staff", "catalog", "patients", "orders", "specimens", "results",
                "instruments", "qc", "equipment"})
package org.lavender.demo;
