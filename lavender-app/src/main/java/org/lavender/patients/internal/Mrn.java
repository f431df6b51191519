package org.lavender.patients.internal;

import org.lavender.shared.DammCheckDigit;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lavender.shared.InvalidInputException;

/**
 * The lab's medical record number: {@code M}, a 7-digit serial and one Damm check digit, e.g. {@code M00000427} for serial 42.
 * The Damm algorithm catches every single mistyped digit and every swap of two adjacent digits, so a keyed-in
 * MRN with a typo is refused instead of finding the wrong patient.
 */
record Mrn(String value) {

    static final int MAX_SERIAL = 9_999_999;
    private static final Pattern LAB_FORMAT = Pattern.compile("M\\d{8}");

    static Mrn ofSerial(long serial) {
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("MRN serial out of range: " + serial);
        }
        String digits = String.format("%07d", serial);
        return new Mrn("M" + digits + checkDigit(digits));
    }

    static int checkDigit(String digits) {
        return DammCheckDigit.of(digits);
    }

    /** True for M + 8 digits whose last digit checks. */
    static boolean valid(String mrn) {
        return mrn != null && LAB_FORMAT.matcher(mrn).matches() && checkDigit(mrn.substring(1)) == 0;
    }

    /**
     * Accepts an MRN typed or sent by a system: trimmed and upper-cased. Anything in the lab's own format must
     * carry a valid check digit; MRNs of a former system (letters, digits, '-', up to 20 characters) are kept.
     */
    static Mrn parse(String text) {
        String mrn = text.trim().toUpperCase(Locale.ROOT);
        if (LAB_FORMAT.matcher(mrn).matches()) {
            if (!valid(mrn)) {
                throw new InvalidInputException("mrn", "MRN " + mrn + " has a wrong check digit: check for a typo");
            }
        } else if (!mrn.matches("[A-Z0-9][A-Z0-9-]{0,19}")) {
            throw new InvalidInputException("mrn",
                    "MRN '" + text.trim() + "' is not valid: use letters, digits and '-', at most 20 characters");
        }
        return new Mrn(mrn);
    }

    @Override
    public String toString() {
        return value;
    }
}
