/**
 * Staff: the people who work in the lab, their roles and (later) certifications and competency.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Staff", allowedDependencies = "audit")
package org.lavender.staff;
