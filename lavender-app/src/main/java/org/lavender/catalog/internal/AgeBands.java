package org.lavender.catalog.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavender.shared.InvalidInputException;

/**
 * Age band limits are stored in days; people think in days, months and years. A year is 365.25 days and a
 * month 30.4375 days, so "16y" is 5844 days (the 16th birthday, give or take the leap day).
 */
final class AgeBands {

    private static final Pattern AGE = Pattern.compile("(\\d{1,6})\\s*([dmy]?)");
    private static final int MAX_DAYS = 150 * 366;

    private AgeBands() {
    }

    /** "29d", "6m", "16y" or a plain number of days; blank means no limit (null). */
    static Integer parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = AGE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidInputException(field, "Age '" + text + "' not understood: use days (29d or 29), "
                    + "months (6m) or years (16y)");
        }
        long n = Long.parseLong(m.group(1));
        long days = switch (m.group(2)) {
            case "y" -> Math.round(n * 365.25);
            case "m" -> Math.round(n * 30.4375);
            default -> n;
        };
        if (days > MAX_DAYS) {
            throw new InvalidInputException(field, "Age '" + text + "' is beyond 150 years");
        }
        return (int) days;
    }

    /** "0 d", "29 d", "16 y" (a whole number of 365.25-day years), else days. */
    static String label(int days) {
        if (days >= 365) {
            long years = Math.round(days / 365.25);
            if (Math.round(years * 365.25) == days) {
                return years + " y";
            }
        }
        return days + " d";
    }
}
