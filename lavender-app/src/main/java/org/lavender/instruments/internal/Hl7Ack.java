package org.lavender.instruments.internal;

/**
 * What an analyzer answered to a pushed order, read from its MSA and ERR segments (HL7 v2 2.9, table 0008): AA
 * (or CA in enhanced mode) accepted, AE/AR (CE/CR) refused with the reason from ERR-8, ERR-3 or MSA-3.
 */
record Hl7Ack(String code, String controlId, String reason) {

    boolean accepted() {
        return "AA".equals(code) || "CA".equals(code);
    }

    boolean refused() {
        return "AE".equals(code) || "AR".equals(code) || "CE".equals(code) || "CR".equals(code);
    }

    /** Reads an acknowledgment; a text without MSH and MSA gives an ack with a null code. */
    static Hl7Ack read(String text) {
        String[] segments = text.replace("\n", "\r").split("\r");
        if (segments.length == 0 || !segments[0].startsWith("MSH") || segments[0].length() < 8) {
            return new Hl7Ack(null, null, "not an HL7 message");
        }
        char field = segments[0].charAt(3);
        char component = segments[0].charAt(4);
        String code = null;
        String controlId = null;
        String msaText = "";
        String errText = "";
        for (String segment : segments) {
            String[] f = segment.split(java.util.regex.Pattern.quote(String.valueOf(field)), -1);
            if (f[0].equals("MSA")) {
                code = at(f, 1);
                controlId = at(f, 2);
                msaText = at(f, 3);
            } else if (f[0].equals("ERR") && errText.isEmpty()) {
                String code3 = at(f, 3);
                String[] c = code3.split(java.util.regex.Pattern.quote(String.valueOf(component)), -1);
                errText = !at(f, 8).isEmpty() ? at(f, 8)
                        : c.length > 1 && !c[1].isEmpty() ? c[0] + " " + c[1]
                        : !code3.isEmpty() ? code3 : at(f, 1);
            }
        }
        String reason = !errText.isEmpty() ? errText : msaText;
        return new Hl7Ack(code, controlId, reason.isEmpty() ? null : reason);
    }

    private static String at(String[] fields, int i) {
        return i < fields.length ? fields[i] : "";
    }
}
