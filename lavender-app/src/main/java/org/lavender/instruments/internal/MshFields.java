package org.lavender.instruments.internal;

/**
 * The few MSH fields needed before (or without) a full parse: who sent it, its control id and type. Read
 * leniently from the text so even a message HAPI refuses can be answered and recognised as a repeat.
 */
record MshFields(String sendingApplication, String sendingFacility, String messageType, String controlId,
                 String processingId, String version) {

    // Read on every message before anything else: a scan of the first segment, no regular expression.
    static MshFields read(String text) {
        if (text == null || !text.startsWith("MSH") || text.length() < 8) {
            return new MshFields("", "", "", "", "", "");
        }
        int end = 0;
        while (end < text.length() && text.charAt(end) != '\r' && text.charAt(end) != '\n') {
            end++;
        }
        // MSH-1 is the field separator itself, so field n (n >= 2) is the (n-1)-th piece after "MSH".
        char separator = text.charAt(3);
        String[] f = new String[12];
        int field = 1;
        int start = 4;
        for (int i = 4; i <= end && field < f.length; i++) {
            if (i == end || text.charAt(i) == separator) {
                f[field++] = text.substring(start, i);
                start = i + 1;
            }
        }
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
        return fields[i] == null ? "" : fields[i].strip();
    }
}
