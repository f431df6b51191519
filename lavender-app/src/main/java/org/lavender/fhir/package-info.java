/**
 * FHIR R4 interface at {@code /fhir}: an EHR registers patients and places orders (Patient, ServiceRequest) and
 * reads specimens and results back (Specimen, Observation, DiagnosticReport). A thin translation layer over the
 * patients, orders, specimens and results modules; it stores nothing of its own.
 */
@org.springframework.modulith.ApplicationModule(displayName = "FHIR",
        allowedDependencies = {"shared", "catalog", "patients", "orders", "specimens", "results"})
package org.lavender.fhir;
