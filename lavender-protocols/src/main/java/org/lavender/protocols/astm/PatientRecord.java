package org.lavender.protocols.astm;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** LIS2-A2 patient information record (P). */
public record PatientRecord(AstmRecord raw, int sequence, String practicePatientId, String laboratoryPatientId,
        String patientId3, List<String> name, Optional<LocalDate> birthDate, String sex) {

    public PatientRecord {
        name = List.copyOf(name);
    }

    public static PatientRecord of(AstmRecord raw) {
        // P-2 sequence, P-3 practice assigned id, P-4 laboratory assigned id, P-5 patient id no. 3,
        // P-6 name (last ^ first ^ middle ^ suffix ^ title), P-8 birthdate, P-9 sex.
        return new PatientRecord(raw, raw.sequence(2), raw.text(3).trim(), raw.text(4).trim(), raw.text(5).trim(),
                raw.components(6), raw.timestamp(8).map(LocalDateTime::toLocalDate), raw.text(9).trim());
    }

    public String lastName() {
        return name.isEmpty() ? "" : name.get(0);
    }

    public String firstName() {
        return name.size() > 1 ? name.get(1) : "";
    }
}
