package org.lavender.specimens;

import org.lavender.shared.DammCheckDigit;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Pattern;
import org.lavender.shared.InvalidInputException;

/**
 * The number on a tube's label and in its Code 128 barcode: {@code YYMMDD-NNNNNC}, e.g. {@code 260115-000427}.
 * {@code YYMMDD} is the day the tube was planned (lab's zone), {@code NNNNN} the running number of that day
 * (1..99,999) and {@code C} a Damm check digit over all eleven preceding digits. Damm's quasigroup catches every
 * single-digit error and every swap of two adjacent digits, so a mistyped or misread accession is refused instead
 * of matching another patient's tube. An aliquot carries its parent's accession plus {@code -A1}, {@code -A2}, ...
 * so the bench sees at a glance which tube it came from.
 */
public record Accession(String value) {

    public static final int MAX_PER_DAY = 99_999;

    private static final Pattern TUBE = Pattern.compile("\\d{6}-\\d{6}");
    private static final Pattern ALIQUOT = Pattern.compile("(\\d{6}-\\d{6})-A([1-9]\\d?)");
    private static final Pattern UNSEPARATED = Pattern.compile("\\d{12}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyMMdd");

    public Accession {
        if (value == null || !(TUBE.matcher(value).matches() || ALIQUOT.matcher(value).matches())
                || !checkDigitMatches(tubePart(value))) {
            throw new InvalidInputException("accession", "'" + value + "' is not a valid accession number");
        }
    }

    /** The accession of the {@code sequence}-th tube planned on {@code day}. */
    public static Accession issue(LocalDate day, int sequence) {
        if (sequence < 1 || sequence > MAX_PER_DAY) {
            throw new IllegalArgumentException("Accession sequence " + sequence + " outside 1.." + MAX_PER_DAY);
        }
        String digits = day.format(DAY) + String.format(Locale.ROOT, "%05d", sequence);
        return new Accession(digits.substring(0, 6) + "-" + digits.substring(6) + checkDigit(digits));
    }

    /**
     * What a scanner or a person typed, tidied: surrounding blanks dropped, upper case, and the hyphen restored if
     * a scanner sent the twelve digits alone. Not validated.
     */
    public static String normalise(String scanned) {
        if (scanned == null) {
            return "";
        }
        String s = scanned.strip().toUpperCase(Locale.ROOT);
        return UNSEPARATED.matcher(s).matches() ? s.substring(0, 6) + "-" + s.substring(6) : s;
    }

    /** True if the text has the shape of an accession (digits in the right places) but its check digit is wrong. */
    public static boolean looksMistyped(String scanned) {
        String s = normalise(scanned);
        return (TUBE.matcher(s).matches() || ALIQUOT.matcher(s).matches()) && !checkDigitMatches(tubePart(s));
    }

    public static boolean isValid(String scanned) {
        String s = normalise(scanned);
        return (TUBE.matcher(s).matches() || ALIQUOT.matcher(s).matches()) && checkDigitMatches(tubePart(s));
    }

    /** The {@code n}-th aliquot poured from this tube. */
    public Accession aliquot(int n) {
        if (isAliquot()) {
            throw new InvalidInputException("accession", "An aliquot (" + value + ") is not split again; "
                    + "pour further aliquots from the original tube " + tubePart(value));
        }
        if (n < 1 || n > 99) {
            throw new InvalidInputException("accession", "A tube has at most 99 aliquots");
        }
        return new Accession(value + "-A" + n);
    }

    public boolean isAliquot() {
        return ALIQUOT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }

    static int checkDigit(String digits) {
        return DammCheckDigit.of(digits);
    }

    private static String tubePart(String value) {
        return value.substring(0, 13);
    }

    /** A Damm-checked number, check digit included, reduces to 0. */
    private static boolean checkDigitMatches(String tube) {
        return checkDigit(tube.replace("-", "")) == 0;
    }
}
