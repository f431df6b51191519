package org.lavender.instruments.internal;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.lavender.patients.Patient;
import org.lavender.protocols.astm.Delimiters;
import org.lavender.protocols.astm.OrderDownload;
import org.lavender.protocols.astm.UniversalTestId;

/**
 * The order message pushed to an analyzer when a tube is received: the tube's work in the analyzer's codes.
 * HL7 v2.5.1 OML^O21 (laboratory order, chapter 4.4.6): MSH, PID, then per test an ORC (NW, new order) with its OBR
 * (OBR-4 = the analyzer's code, {@code ^^LN} for LOINC) and SPM (SPM-2 = the accession on the tube's barcode).
 * HL7 v2.3.1 ORM^O01 for analyzers that know no OML: the same, without SPM (v2.3.1 has none), the specimen source
 * in OBR-15. ASTM: the LIS2-A2 order download H, P, O, L. Every text field is escaped, so a patient name holding HL7
 * delimiters cannot shift or split fields.
 */
final class OrderMessages {

    private static final DateTimeFormatter HL7_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** One tube's work: accession, specimen type (HL7 table 0487 code or the catalog's), priority (S, A, R). */
    record Tube(String accession, String specimenType, String priority, List<Hl7QueryReply.TestCode> codes) {
        Tube {
            codes = List.copyOf(codes);
            if (codes.isEmpty()) {
                throw new IllegalArgumentException("a tube without work for this analyzer has nothing to push");
            }
        }
    }

    private OrderMessages() {
    }

    static String oml(String receivingApplication, String controlId, LocalDateTime now, Patient patient, Tube tube) {
        return hl7(receivingApplication, controlId, now, patient, tube, false);
    }

    static String orm(String receivingApplication, String controlId, LocalDateTime now, Patient patient, Tube tube) {
        return hl7(receivingApplication, controlId, now, patient, tube, true);
    }

    private static String hl7(String receivingApplication, String controlId, LocalDateTime now, Patient patient,
                              Tube tube, boolean orm) {
        var segments = new ArrayList<String>();
        String time = HL7_TIME.format(now);
        segments.add("MSH|^~\\&|LAVENDER|LAB|" + esc(receivingApplication) + "|LAB|" + time + "||"
                + (orm ? "ORM^O01" : "OML^O21^OML_O21") + "|" + esc(controlId) + "|P|" + (orm ? "2.3.1" : "2.5.1")
                + "|||AL|NE");
        segments.add("PID|1||" + esc(patient.mrn()) + "^^^LAVENDER^MR||" + esc(patient.familyName()) + "^"
                + esc(patient.givenName()) + "||" + (patient.birthDate() == null ? ""
                : patient.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE)) + "|"
                + (patient.sex() == null ? "U" : patient.sex().hl7()));
        int i = 0;
        for (Hl7QueryReply.TestCode code : tube.codes()) {
            i++;
            segments.add("ORC|NW|" + esc(tube.accession()) + "||||||||" + time);
            // OBR-2 placer order number = the accession; ORM (v2.3.1 has no SPM): OBR-15 specimen source.
            segments.add("OBR|" + i + "|" + esc(tube.accession()) + "||" + esc(code.code())
                    + (code.loinc() ? "^^LN" : "") + "|" + tube.priority()
                    + (orm ? "||||||||||" + esc(tube.specimenType()) : ""));
            if (!orm) {
                segments.add("SPM|1|" + esc(tube.accession()) + "||" + esc(tube.specimenType()));
            }
        }
        return String.join("\r", segments) + "\r";
    }

    /** LIS2-A2 order download: H, P (patient id, name, birth date, sex), one O record for the tube, L. */
    static List<String> astm(String receiverId, LocalDateTime now, Patient patient, Tube tube) {
        return new OrderDownload(Delimiters.STANDARD, "LAVENDER", receiverId, now)
                .patient(new OrderDownload.Patient(patient.mrn(), patient.familyName(), patient.givenName(),
                        patient.birthDate(), patient.sex() == null ? "U" : patient.sex().hl7()))
                .order(new OrderDownload.Order(tube.accession(), tube.codes().stream()
                        .map(c -> UniversalTestId.local(c.code())).toList(), tube.priority(), "N"))
                .records();
    }

    private static String esc(String text) {
        return Hl7QueryReply.escape(text);
    }
}
