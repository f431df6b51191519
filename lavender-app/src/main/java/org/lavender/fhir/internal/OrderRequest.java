package org.lavender.fhir.internal;

import java.util.List;
import org.lavender.shared.Priority;

/**
 * What an incoming ServiceRequest asks for, checked for shape but not yet against the patients and the catalog.
 *
 * @param patientId   from {@code subject = Patient/{id}}, or null when the subject is given by identifier
 * @param codes       the usable codings of {@code code}, LOINC first
 * @param requisition the placer's group number: requests sharing it become one order
 */
record OrderRequest(Long patientId, String subjectSystem, String subjectValue, List<Code> codes, Priority priority,
                    String requester, String clinicalNotes, String requisition) {

    /** A LOINC code or a Lavender catalog code of a test or panel. */
    record Code(String system, String code) {

        boolean loinc() {
            return FhirSystems.LOINC.equals(system);
        }

        String describe() {
            return (loinc() ? "LOINC " : "test code ") + code;
        }
    }
}
