package org.lavender.instruments.internal;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v2 DTM / ASTM timestamps ({@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}). A time without offset is the
 * analyzer's local time, taken in the lab's zone. Unreadable or absent: null (the receipt time stands in).
 */
final class Hl7Time {

    private static final Pattern DTM = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.\\d{1,4})?([+-]\\d{4})?");

    private Hl7Time() {
    }

    static Instant parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = DTM.matcher(text.strip());
        if (!m.matches() || m.group(4) == null) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(1)), num(m.group(2), 1),
                    num(m.group(3), 1), num(m.group(4), 0), num(m.group(5), 0), num(m.group(6), 0));
            if (m.group(7) != null) {
                return local.toInstant(ZoneOffset.of(m.group(7).substring(0, 3) + ":" + m.group(7).substring(3)));
            }
            return local.atZone(zone).toInstant();
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static int num(String group, int absent) {
        return group == null ? absent : Integer.parseInt(group);
    }
}
