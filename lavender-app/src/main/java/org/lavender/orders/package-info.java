/**
 * Orders: tests and panels ordered for a patient (from the UI, FHIR ServiceRequest or HL7), with priority,
 * ordering provider and clinical notes. Placing an order asks the specimens module for the tubes it needs in the
 * same transaction (so accessions exist the moment the order does) and publishes
 * {@link org.lavender.orders.OrderPlaced}; orders listens to specimen rejections to flag the items for recollection
 * and to released results to complete the order when its last test is released.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Orders",
        allowedDependencies = {"shared", "audit", "catalog", "patients", "specimens", "results"})
package org.lavender.orders;
