package org.lavender.equipment.internal;

import org.lavender.shared.InvalidInputException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Input clean-up shared by the equipment services: trimmed text within a length, and the signed-in user. */
final class Text {

    private Text() {
    }

    /** Trimmed text, or null when blank; refused when longer than {@code max} or containing control characters. */
    static String optional(String value, String field, String label, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw new InvalidInputException(field, label + " has at most " + max + " characters");
        }
        if (v.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException(field, label + " contains control characters");
        }
        return v;
    }

    static String required(String value, String field, String label, int max) {
        String v = optional(value, field, label, max);
        if (v == null) {
            throw new InvalidInputException(field, "Enter " + label.toLowerCase(java.util.Locale.ROOT));
        }
        return v;
    }

    static String currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            throw new IllegalStateException("No signed-in user");
        }
        return auth.getName();
    }
}
