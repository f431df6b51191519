package org.lavender.catalog;

/** A bench section of the lab (chemistry, hematology, ...): worklists and verification rules are per section. */
public record Section(String code, String name, boolean selfVerificationAllowed) {
}
