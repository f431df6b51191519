package org.lavender.specimens.internal;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A ZPL II label for a Zebra printer, 2 × 1 inch at 203 dpi (406 × 203 dots). Every variable text goes through
 * {@code ^FH} hex escapes: a caret or tilde in a patient name would otherwise start a printer command and could
 * cut the label short or print it without the name.
 */
final class ZplLabel {

    static final int WIDTH_DOTS = 406;
    static final int HEIGHT_DOTS = 203;

    private ZplLabel() {
    }

    static String render(LabelContent c) {
        var zpl = new StringBuilder();
        zpl.append("^XA\n");
        zpl.append("^CI28\n"); // field data is UTF-8; non-ASCII bytes arrive as ^FH hex escapes
        zpl.append("^PW").append(WIDTH_DOTS).append("\n^LL").append(HEIGHT_DOTS).append("\n^LH0,0\n");
        zpl.append(text(12, 8, 26, fit(c.patientName(), c.stat() ? 20 : 26)));
        if (c.stat()) {
            // White-on-black STAT box so the bench sees the priority from across the room.
            zpl.append("^FO316,6^GB82,30,30^FS\n");
            zpl.append("^FO326,10^A0N,24,24^FR^FDSTAT^FS\n");
        }
        zpl.append(text(12, 36, 20, fit("MRN " + c.mrn() + "  DOB " + c.birthDate(), 38)));
        // Code 128, automatic subset selection (mode A) so the digits pack as subset C; human-readable line below.
        zpl.append("^FO12,60^BY2,3,56^BCN,56,Y,N,N,A^FH_^FD").append(escape(c.accession())).append("^FS\n");
        zpl.append(text(12, 148, 20, fit(c.containerLine(), 38)));
        zpl.append(text(12, 174, 20, c.testsLine(38)));
        zpl.append("^PQ1\n^XZ\n");
        return zpl.toString();
    }

    private static String text(int x, int y, int height, String value) {
        return "^FO" + x + "," + y + "^A0N," + height + "," + height + "^FH_^FD" + escape(value) + "^FS\n";
    }

    private static String fit(String value, int maxChars) {
        String v = value == null ? "" : value;
        return v.length() <= maxChars ? v : v.substring(0, maxChars - 1) + "…";
    }

    /**
     * Field data for {@code ^FH_}: printable ASCII passes, the command prefixes {@code ^} and {@code ~} and the
     * escape character {@code _} itself become {@code _XX}, other characters their UTF-8 bytes as {@code _XX};
     * control characters (line breaks from a pasted name) become a space.
     */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        var out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
                out.append(' ');
            } else if (cp == '^' || cp == '~' || cp == '_' || cp > 0x7E) {
                for (byte b : new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8)) {
                    out.append('_').append(String.format(Locale.ROOT, "%02X", b & 0xFF));
                }
            } else {
                out.append((char) cp);
            }
        });
        return out.toString();
    }
}
