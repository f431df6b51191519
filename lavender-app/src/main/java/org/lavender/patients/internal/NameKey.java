package org.lavender.patients.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The searchable form of a name: lower case, accents removed, apostrophes and dots dropped, hyphens and runs of
 * spaces made one space. "Müller-Lüdenscheidt" and "muller ludenscheidt" meet; so do "O'Brien" and "obrien".
 */
final class NameKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern DROPPED = Pattern.compile("['’`´.]");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-‐–,]+");

    private NameKey() {
    }

    static String of(String name) {
        if (name == null) {
            return "";
        }
        String s = name.strip()
                // Letters that Unicode does not decompose into base letter + accent.
                .replace("ß", "ss").replace("ẞ", "ss")
                .replace("Æ", "AE").replace("æ", "ae").replace("Œ", "OE").replace("œ", "oe")
                .replace("Ø", "O").replace("ø", "o").replace("Ł", "L").replace("ł", "l")
                .replace("Đ", "D").replace("đ", "d").replace("Þ", "TH").replace("þ", "th")
                .replace("ı", "i");
        s = MARKS.matcher(Normalizer.normalize(s, Normalizer.Form.NFKD)).replaceAll("");
        s = DROPPED.matcher(s).replaceAll("");
        s = SEPARATORS.matcher(s).replaceAll(" ").strip();
        return s.toLowerCase(Locale.ROOT);
    }
}
