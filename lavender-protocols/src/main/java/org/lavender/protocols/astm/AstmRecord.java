package org.lavender.protocols.astm;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One LIS2-A2 record as fields, still raw (escape sequences unresolved). Fields are numbered as in the standard:
 * field 1 is the record type ({@code R}), so R-3 is {@code field(3)}. In the H record field 2 is the delimiter
 * definition. Records of other types (M, S) stay in this generic form.
 */
public record AstmRecord(List<String> fields, Delimiters delimiters) {

    public AstmRecord {
        fields = List.copyOf(fields);
        if (fields.isEmpty() || fields.get(0).isEmpty()) {
            throw new AstmProtocolException("record without a record type");
        }
    }

    public static AstmRecord parse(String text, Delimiters delimiters) {
        return new AstmRecord(split(text, delimiters.field()), delimiters);
    }

    /** The record type: H, P, O, R, C, Q, M, S or L. */
    public char type() {
        return Character.toUpperCase(fields.get(0).charAt(0));
    }

    /** Raw text of field {@code n} (1-based as in LIS2-A2), empty when the record is shorter. */
    public String field(int n) {
        return n >= 1 && n <= fields.size() ? fields.get(n - 1) : "";
    }

    /** Raw repeats of field {@code n}. */
    public List<String> repeats(int n) {
        return split(field(n), delimiters.repeat());
    }

    /** Components of the first repeat of field {@code n}, escape sequences resolved. */
    public List<String> components(int n) {
        return components(repeats(n).get(0));
    }

    /** Component {@code c} (1-based) of field {@code n}, escape sequences resolved; empty when absent. */
    public String component(int n, int c) {
        List<String> components = components(n);
        return c >= 1 && c <= components.size() ? components.get(c - 1) : "";
    }

    /** Field {@code n} with escape sequences resolved, delimiters inside left as they are. */
    public String text(int n) {
        return delimiters.unescape(field(n));
    }

    /** Field {@code n} read as an ASTM date/time (YYYYMMDD[HH[MM[SS]]]). */
    public Optional<LocalDateTime> timestamp(int n) {
        return AstmDateTimes.parse(field(n));
    }

    /** Field {@code n} as a sequence number, 0 when empty or not a number. */
    int sequence(int n) {
        String text = field(n).trim();
        if (text.isEmpty() || text.length() > 9 || !text.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Integer.parseInt(text);
    }

    List<String> components(String raw) {
        return split(raw, delimiters.component()).stream().map(delimiters::unescape).toList();
    }

    @Override
    public String toString() {
        return String.join(String.valueOf(delimiters.field()), fields);
    }

    static List<String> split(String text, char delimiter) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == delimiter) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }
}
