package org.lavender.catalog;

import org.lavender.shared.InvalidInputException;

/**
 * A LOINC code such as {@code 2823-3}: up to seven digits, a hyphen and a mod-10 check digit. The check digit
 * (LOINC users' guide, "Calculating Mod 10 check digits") catches most typing errors: from the right, every
 * other digit starting with the last is doubled, all digits of the results are summed, and the check digit
 * brings the sum up to the next multiple of ten.
 */
public record LoincCode(String value) {

    public LoincCode {
        String problem = problem(value);
        if (problem != null) {
            throw new InvalidInputException("loinc", problem);
        }
    }

    /** Parses and checks a LOINC code, refusing a malformed one with a message that says what is wrong. */
    public static LoincCode parse(String text) {
        return new LoincCode(text == null ? null : text.trim());
    }

    public static boolean isValid(String text) {
        return problem(text) == null;
    }

    /** The check digit for the number part of a LOINC code (the digits before the hyphen). */
    public static int checkDigit(String number) {
        int sum = 0;
        boolean doubled = true;
        for (int i = number.length() - 1; i >= 0; i--) {
            int d = number.charAt(i) - '0';
            if (d < 0 || d > 9) {
                throw new IllegalArgumentException("Not a digit in '" + number + "'");
            }
            int v = doubled ? d * 2 : d;
            sum += v / 10 + v % 10;
            doubled = !doubled;
        }
        return (10 - sum % 10) % 10;
    }

    private static String problem(String text) {
        if (text == null || text.isBlank()) {
            return "A LOINC code is required";
        }
        if (!text.matches("[0-9]{1,7}-[0-9]")) {
            return "'" + text + "' is not a LOINC code: expected digits, a hyphen and a check digit, e.g. 2823-3";
        }
        int hyphen = text.indexOf('-');
        int expected = checkDigit(text.substring(0, hyphen));
        int given = text.charAt(hyphen + 1) - '0';
        if (expected != given) {
            return "LOINC code '" + text + "' fails its check digit (expected " + text.substring(0, hyphen) + "-"
                    + expected + "): probably mistyped";
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
