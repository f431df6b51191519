package org.lavender.instruments.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds the answer to an HL7 host query in the style analyzers expect in query mode: the work for the tube in
 * the reply itself. QBP^Q11 gets RSP^K11 (MSA, QAK with response status OK / NF / AE from HL7 table 0208, the QPD
 * echoed, then PID, SPM and one ORC/OBR pair per test with OBR-4 in the analyzer's code); QRY^Q02 gets DSR^Q03 (MSA,
 * QAK, QRD and QRF echoed, then one DSP line for the specimen id and one per test code).
 */
final class Hl7QueryReply {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7QueryReply() {
    }

    /** The tube's work: accession, patient id, priority (S, A or R) and the analyzer's codes for its tests. */
    record Work(String accession, String patientId, String priority, List<TestCode> codes) {
    }

    /** A test in the analyzer's terms: its own code from the code map, or a LOINC code (sent as {@code ^^LN}). */
    record TestCode(String code, boolean loinc) {
    }

    /** The answer to a usable query; no work (unknown tube, not received, nothing for this analyzer) is NF. */
    static String answer(Hl7HostQuery q, Optional<Work> work, String controlId, LocalDateTime now) {
        var segments = new ArrayList<String>();
        boolean found = work.isPresent() && !work.get().codes().isEmpty();
        if (q.kind() == Hl7HostQuery.Kind.QBP_Q11) {
            segments.add(msh(q.msh(), "RSP^K11^RSP_K11", controlId, now, "2.5.1"));
            segments.add("MSA|AA|" + escape(q.msh().controlId()));
            segments.add("QAK|" + escape(q.queryTag()) + "|" + (found ? "OK" : "NF") + "|" + escape(q.queryName()));
            segments.add(echo(q.querySegment()));
            if (found) {
                Work w = work.get();
                segments.add("PID|1||" + escape(w.patientId()));
                segments.add("SPM|1|" + w.accession());
                int i = 0;
                for (TestCode code : w.codes()) {
                    segments.add("ORC|NW|" + w.accession());
                    segments.add("OBR|" + (++i) + "|" + w.accession() + "||" + escape(code.code())
                            + (code.loinc() ? "^^LN" : "") + "|" + w.priority());
                }
            }
        } else {
            segments.add(msh(q.msh(), "DSR^Q03", controlId, now, "2.3.1"));
            segments.add("MSA|AA|" + escape(q.msh().controlId()));
            segments.add("QAK|" + escape(q.queryTag()) + "|" + (found ? "OK" : "NF"));
            segments.add(echo(q.querySegment()));
            if (q.filterSegment() != null) {
                segments.add(echo(q.filterSegment()));
            }
            if (found) {
                Work w = work.get();
                int i = 0;
                segments.add("DSP|" + (++i) + "||" + w.accession());
                for (TestCode code : w.codes()) {
                    segments.add("DSP|" + (++i) + "||" + escape(code.code()) + "^^^" + w.priority());
                }
            }
        }
        return String.join("\r", segments) + "\r";
    }

    /**
     * A query that cannot be answered: MSA-1 AE with ERR (ERR-3 101 required field missing or 207 application
     * error, ERR-8 the reason) and QAK-2 AE, in the reply type the analyzer waits for.
     */
    static String refuse(Hl7HostQuery.Malformed m, String controlId, LocalDateTime now) {
        var segments = new ArrayList<String>();
        boolean qbp = m.kind() == Hl7HostQuery.Kind.QBP_Q11;
        segments.add(msh(m.msh(), qbp ? "RSP^K11^RSP_K11" : "DSR^Q03", controlId, now, qbp ? "2.5.1" : "2.3.1"));
        segments.add("MSA|AE|" + escape(m.msh().controlId()));
        String code = m.reason().contains("empty") || m.reason().contains("without") ? "101^Required field missing"
                : "207^Application internal error";
        segments.add("ERR|||" + code + "^HL70357|E||||" + escape(m.reason()));
        segments.add("QAK|" + escape(m.queryTag()) + "|AE");
        if (m.querySegment() != null) {
            segments.add(echo(m.querySegment()));
        }
        return String.join("\r", segments) + "\r";
    }

    private static String msh(MshFields to, String type, String controlId, LocalDateTime now, String version) {
        String processing = to.processingId().isEmpty() ? "P" : escape(to.processingId().substring(0, 1));
        return "MSH|^~\\&|LAVENDER|LAB|" + escape(to.sendingApplication()) + "|" + escape(to.sendingFacility()) + "|"
                + HL7_TIME.format(now) + "||" + type + "|" + controlId + "|" + processing + "|" + version;
    }

    // The query segment goes back as received (HL7 v2 5.10.5.3), minus control characters that would break framing.
    private static String echo(String segment) {
        return segment.replaceAll("[\\x00-\\x1F\\x7F]", "");
    }

    /** Text placed in a field: HL7 escape sequences for the delimiters, control characters dropped. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\E\\");
                case '|' -> out.append("\\F\\");
                case '^' -> out.append("\\S\\");
                case '&' -> out.append("\\T\\");
                case '~' -> out.append("\\R\\");
                default -> {
                    if (c >= 0x20 && c != 0x7F) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
