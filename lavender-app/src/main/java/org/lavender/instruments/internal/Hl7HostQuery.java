package org.lavender.instruments.internal;

import java.util.regex.Pattern;

/**
 * An analyzer's HL7 host query for one specimen, read leniently from the text (no HAPI model needed): IHE LAW
 * LAB-27 QBP^Q11 carries the specimen (container) id in QPD-3 and the query tag in QPD-2; the HL7 2.3.1 display
 * query QRY^Q02 used by older analyzers carries the specimen barcode in QRD-8 (who subject filter) and the query
 * id in QRD-4. The query segments are kept to be echoed in the reply, as HL7 v2 chapter 5 requires.
 */
record Hl7HostQuery(Kind kind, MshFields msh, String queryName, String queryTag, String specimenId,
                    String querySegment, String filterSegment) {

    /** The two query styles analyzers use. */
    enum Kind {
        /** HL7 2.5+ query by parameter, answered with RSP^K11. */
        QBP_Q11,
        /** HL7 2.3.1 original-mode display query, answered with DSR^Q03. */
        QRY_Q02
    }

    /** The outcome of reading a query: a usable query, or why not (answered with AE, stored as REJECTED). */
    sealed interface Read {
        MshFields msh();
    }

    record Malformed(Kind kind, MshFields msh, String queryTag, String querySegment, String reason) implements Read {
    }

    record Usable(Hl7HostQuery query) implements Read {
        @Override
        public MshFields msh() {
            return query.msh();
        }
    }

    /** The longest specimen id taken seriously; barcodes are far shorter. */
    static final int MAX_SPECIMEN_ID = 64;

    private static final Pattern SEGMENT_END = Pattern.compile("\r\n|\r|\n");
    private static final Pattern PRINTABLE = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]+");

    /** The kind of query this message type is, or null when it is not a host query. */
    static Kind kindOf(MshFields msh) {
        String[] type = msh.messageType().split("\\^", -1);
        String code = type[0].strip();
        String event = type.length > 1 ? type[1].strip() : "";
        if (code.equals("QBP") && event.equals("Q11")) {
            return Kind.QBP_Q11;
        }
        if (code.equals("QRY") && event.equals("Q02")) {
            return Kind.QRY_Q02;
        }
        return null;
    }

    /** Reads a message already known (by {@link #kindOf}) to be a host query. */
    static Read read(String text, Kind kind) {
        MshFields msh = MshFields.read(text);
        String[] segments = SEGMENT_END.split(text);
        char field = segments[0].length() > 3 ? segments[0].charAt(3) : '|';
        char component = segments[0].length() > 4 ? segments[0].charAt(4) : '^';
        String querySegment = kind == Kind.QBP_Q11 ? "QPD" : "QRD";
        String query = segment(segments, querySegment, field);
        String filter = kind == Kind.QRY_Q02 ? segment(segments, "QRF", field) : null;
        if (query == null) {
            return new Malformed(kind, msh, "", null, kind.name().replace('_', '^') + " without a " + querySegment
                    + " segment");
        }
        String[] f = query.split(Pattern.quote(String.valueOf(field)), -1);
        String name = firstComponent(at(f, 1), component);
        String tag = kind == Kind.QBP_Q11 ? at(f, 2) : at(f, 4);
        String specimen = firstComponent(kind == Kind.QBP_Q11 ? at(f, 3) : at(f, 8), component);
        String where = kind == Kind.QBP_Q11 ? "QPD-3" : "QRD-8";
        if (kind == Kind.QBP_Q11 && name.equalsIgnoreCase("WOS_ALL")) {
            return new Malformed(kind, msh, tag, query, "query for all pending work (WOS_ALL) is not supported;"
                    + " query one specimen in QPD-3");
        }
        if (specimen.isEmpty()) {
            return new Malformed(kind, msh, tag, query, where + " (specimen id) is empty");
        }
        if (specimen.length() > MAX_SPECIMEN_ID || !PRINTABLE.matcher(specimen).matches()) {
            return new Malformed(kind, msh, tag, query, where + " is not a plausible specimen id");
        }
        return new Usable(new Hl7HostQuery(kind, msh, name, tag, specimen, query, filter));
    }

    private static String segment(String[] segments, String id, char field) {
        for (String s : segments) {
            if (s.startsWith(id) && (s.length() == 3 || s.charAt(3) == field)) {
                return s;
            }
        }
        return null;
    }

    private static String firstComponent(String value, char component) {
        int end = value.indexOf(component);
        return (end < 0 ? value : value.substring(0, end)).strip();
    }

    private static String at(String[] fields, int i) {
        return i < fields.length ? fields[i].strip() : "";
    }
}
