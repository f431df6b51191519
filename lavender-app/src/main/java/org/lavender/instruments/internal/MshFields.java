package org.lavender.instruments.internal;

import java.util.regex.Pattern;

/**
 * The few MSH fields needed before (or without) a full parse: who sent it, its control id and type. Read
 * leniently from the text so even a message HAPI refuses can be answered and recognised as a repeat.
 */
record MshFields(String sendingApplication, String sendingFacility, String messageType, String controlId,
                 String processingId, String version) {

    private static final Pattern SEGMENT_END = Pattern.compile("\r\n|\r|\n");

    static MshFields read(String text) {
        if (text == null || !text.startsWith("MSH") || text.length() < 8) {
            return new MshFields("", "", "", "", "", "");
        }
        String msh = SEGMENT_END.split(text, 2)[0];
        String[] f = msh.split(Pattern.quote(String.valueOf(msh.charAt(3))), -1);
        return new MshFields(at(f, 2), at(f, 3), at(f, 8), at(f, 9), at(f, 10), at(f, 11));
    }

    boolean present() {
        return !messageType.isEmpty() || !controlId.isEmpty();
    }

    /** Same sender and MSH-10 means the same message (HL7 v2 2.10.3 original acknowledgment, resent on timeout). */
    String dedupKey() {
        return controlId.isBlank() ? null : "hl7:" + sendingApplication + "|" + sendingFacility + "|" + controlId;
    }

    private static String at(String[] fields, int i) {
        return i < fields.length ? fields[i].strip() : "";
    }
}
