package org.lavender.fhir.internal;

import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;

/** Reads reference and token search parameters the way every Lavender provider needs them. */
final class SearchParams {

    static final String IDENTIFIER_CHAIN = "identifier";

    private SearchParams() {
    }

    /** {@code Type/123} or {@code 123}; another type or a non-numeric id cannot match anything Lavender issued. */
    static IdFilter reference(ReferenceParam param, String resourceType) {
        if (param == null) {
            return IdFilter.ANY;
        }
        if (param.hasChain()) {
            throw new InvalidRequestException("Chained search on " + resourceType + " references is not supported");
        }
        if (param.hasResourceType() && !resourceType.equals(param.getResourceType())) {
            return IdFilter.NONE;
        }
        return param.isIdPartValidLong() ? IdFilter.of(param.getIdPartAsLong()) : IdFilter.NONE;
    }

    /**
     * A patient reference, also chained by identifier ({@code subject.identifier=urn:lavender:mrn|M123}): an EHR
     * knows the MRN, not Lavender's patient id.
     */
    static IdFilter patient(ReferenceParam param, Patients patients) {
        if (param == null) {
            return IdFilter.ANY;
        }
        if (IDENTIFIER_CHAIN.equals(param.getChain())) {
            return byIdentifier(param.getValue(), patients);
        }
        return reference(param, "Patient");
    }

    static IdFilter patient(ReferenceParam subject, ReferenceParam patient, Patients patients) {
        return patient(subject, patients).and(patient(patient, patients));
    }

    private static IdFilter byIdentifier(String token, Patients patients) {
        int bar = token.indexOf('|');
        String system = bar < 0 ? null : emptyToNull(token.substring(0, bar));
        String value = bar < 0 ? token : token.substring(bar + 1);
        List<Patient> found = patients.search(new PatientQuery(value, system, null, null), null, 2).items();
        if (found.size() > 1) {
            throw new InvalidRequestException("Identifier '" + value + "' belongs to more than one patient: "
                    + "give the system too (system|value)");
        }
        return found.isEmpty() ? IdFilter.NONE : IdFilter.of(found.get(0).id());
    }

    /** A token without modifiers ({@code :not}, {@code :text} are not supported). */
    static TokenParam plainToken(TokenParam param, String name) {
        if (param != null && param.getModifier() != null) {
            throw new InvalidRequestException("Search parameter " + name + ":" + param.getModifier().getValue()
                    + " is not supported");
        }
        return param;
    }

    static String emptyToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
