/**
 * Patients: registration, demographics and identifiers from several assigning authorities (MRN, national id).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Patients", allowedDependencies = {"shared", "audit"})
package org.lavender.patients;
