package org.lavender.protocols.astm;

/**
 * The four LIS2-A2 delimiters. The H record declares them: H-1 is followed by the field delimiter and H-2 holds
 * the repeat, component and escape delimiters ({@code H|\^&} by default).
 */
public record Delimiters(char field, char repeat, char component, char escape) {

    public static final Delimiters STANDARD = new Delimiters('|', '\\', '^', '&');

    public Delimiters {
        String all = "" + field + repeat + component + escape;
        for (int i = 0; i < all.length(); i++) {
            char c = all.charAt(i);
            if (Character.isLetterOrDigit(c) || Character.isWhitespace(c) || Character.isISOControl(c)
                    || all.indexOf(c) != i) {
                throw new AstmProtocolException("delimiters must be four distinct punctuation characters: " + all);
            }
        }
    }

    /**
     * Reads the delimiters from an H record. Tolerates a doubled character in the definition
     * (Horiba Yumizen H550 sends {@code H|\\^&}).
     */
    public static Delimiters fromHeader(String header) {
        if (header.length() < 5 || header.charAt(0) != 'H') {
            throw new AstmProtocolException("not an H record with a delimiter definition: " + abbreviate(header));
        }
        char field = header.charAt(1);
        StringBuilder definition = new StringBuilder();
        for (int i = 2; i < header.length() && header.charAt(i) != field; i++) {
            char c = header.charAt(i);
            if (definition.length() == 0 || definition.charAt(definition.length() - 1) != c) {
                definition.append(c);
            }
        }
        if (definition.length() != 3) {
            throw new AstmProtocolException("delimiter definition must have 3 characters: " + abbreviate(header));
        }
        return new Delimiters(field, definition.charAt(0), definition.charAt(1), definition.charAt(2));
    }

    /** H-2: the repeat, component and escape delimiters. */
    public String definition() {
        return "" + repeat + component + escape;
    }

    /** Replaces delimiters inside a value by the escape sequences &F& &S& &R& &E& (LIS2-A2 escape rules). */
    public String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String code = c == field ? "F" : c == component ? "S" : c == repeat ? "R" : c == escape ? "E" : null;
            if (code == null) {
                out.append(c);
            } else {
                out.append(escape).append(code).append(escape);
            }
        }
        return out.toString();
    }

    /**
     * Resolves escape sequences: &F& &S& &R& &E& to the delimiters, &Xhh..& to the characters with those hex
     * codes. Other sequences (formatting, local &Z..&) and unterminated ones stay as they are.
     */
    public String unescape(String value) {
        if (value.indexOf(escape) < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        int i = 0;
        while (i < value.length()) {
            char c = value.charAt(i);
            int close = c == escape ? value.indexOf(escape, i + 1) : -1;
            String resolved = close > i ? resolve(value.substring(i + 1, close)) : null;
            if (resolved == null) {
                out.append(c);
                i++;
            } else {
                out.append(resolved);
                i = close + 1;
            }
        }
        return out.toString();
    }

    private String resolve(String code) {
        switch (code) {
            case "F":
                return String.valueOf(field);
            case "S":
                return String.valueOf(component);
            case "R":
                return String.valueOf(repeat);
            case "E":
                return String.valueOf(escape);
            default:
                return code.length() > 1 && code.charAt(0) == 'X' ? hex(code.substring(1)) : null;
        }
    }

    private static String hex(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(ch -> Character.digit(ch, 16) >= 0)) {
            return null;
        }
        StringBuilder out = new StringBuilder(digits.length() / 2);
        for (int i = 0; i < digits.length(); i += 2) {
            out.append((char) Integer.parseInt(digits.substring(i, i + 2), 16));
        }
        return out.toString();
    }

    static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
