package org.lavender.shared;

/**
 * Damm's check digit (H. M. Damm, 2004): one decimal digit that catches every single-digit error and every swap of
 * two neighbouring digits, which a mistyped or misread MRN or accession most often has. A number that ends in its
 * check digit checks to 0.
 */
public final class DammCheckDigit {

    /** Damm's totally anti-symmetric quasigroup of order 10. */
    private static final int[][] TABLE = {
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

    private DammCheckDigit() {
    }

    /** The check digit for a string of decimal digits. */
    public static int of(String digits) {
        int interim = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("Not a decimal digit in '" + digits + "'");
            }
            interim = TABLE[interim][c - '0'];
        }
        return interim;
    }

    /** True when the digits end in their correct check digit. */
    public static boolean valid(String digitsWithCheck) {
        return !digitsWithCheck.isEmpty() && of(digitsWithCheck) == 0;
    }
}
