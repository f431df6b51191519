package org.lavender.patients.internal;

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

    /** Damm's totally anti-symmetric quasigroup of order 10. */
    private static final int[][] DAMM = {
            {0, 3, 1, 7, 5, 9, 8, 6, 4, 2},
            {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
            {4, 2, 0, 6, 8, 7, 1, 3, 5, 9},
            {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
            {6, 1, 2, 3, 0, 4, 5, 9, 7, 8},
            {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
            {5, 8, 6, 9, 7, 2, 0, 1, 3, 4},
            {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
            {9, 4, 3, 8, 6, 1, 7, 2, 0, 5},
            {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

    static Mrn ofSerial(long serial) {
        if (serial < 1 || serial > MAX_SERIAL) {
            throw new IllegalArgumentException("MRN serial out of range: " + serial);
        }
        String digits = String.format("%07d", serial);
        return new Mrn("M" + digits + checkDigit(digits));
    }

    static int checkDigit(String digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            interim = DAMM[interim][digits.charAt(i) - '0'];
        }
        return interim;
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
