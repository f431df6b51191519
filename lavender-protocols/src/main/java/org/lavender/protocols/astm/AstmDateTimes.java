package org.lavender.protocols.astm;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LIS2-A2 date and time fields: YYYYMMDDHHMMSS, where analyzers may cut after the day, hour or minute. */
public final class AstmDateTimes {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})(\\d{2})?(\\d{2})?(\\d{2})?");
    private static final DateTimeFormatter OUTPUT = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private AstmDateTimes() {
    }

    /** The date/time in {@code text}, empty for blank or malformed text; missing parts count as zero. */
    public static Optional<LocalDateTime> parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(number(m, 1), number(m, 2), number(m, 3), number(m, 4),
                    number(m, 5), number(m, 6)));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public static String format(LocalDateTime dateTime) {
        return OUTPUT.format(dateTime);
    }

    private static int number(Matcher m, int group) {
        return m.group(group) == null ? 0 : Integer.parseInt(m.group(group));
    }
}
