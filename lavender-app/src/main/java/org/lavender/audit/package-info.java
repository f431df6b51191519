/**
 * Audit: the append-only, SHA-256 hash-chained record of every change to clinical data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package org.lavender.audit;
