package org.lavender.fhir.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.ConditionalUrlParam;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.lavender.patients.NewPatient;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;
import org.lavender.shared.Slice;
import org.springframework.stereotype.Component;

@Component
class PatientResourceProvider implements IResourceProvider {

    private final Patients patients;
    private final Clock clock;

    PatientResourceProvider(Patients patients, Clock clock) {
        this.patients = patients;
        this.clock = clock;
    }

    @Override
    public Class<Patient> getResourceType() {
        return Patient.class;
    }

    /**
     * Registers a patient. With {@code If-None-Exist: identifier=system|value} an EHR that retries a request, or
     * sends every patient it orders for, gets the already registered patient back (200) instead of a duplicate
     * record, the classic source of results filed under the wrong chart.
     */
    @Create
    public MethodOutcome create(@ResourceParam Patient resource, @ConditionalUrlParam String ifNoneExist) {
        NewPatient patient = PatientMapper.toNewPatient(resource, LocalDate.now(clock));
        if (ifNoneExist != null) {
            var existing = patients.findByIdentifier(identifierCondition(ifNoneExist, "system"),
                    identifierCondition(ifNoneExist, "value"));
            if (existing.isPresent()) {
                Patient found = PatientMapper.toFhir(existing.get());
                return new MethodOutcome(found.getIdElement(), false).setResource(found);
            }
        }
        Patient created = PatientMapper.toFhir(patients.register(patient));
        return new MethodOutcome(created.getIdElement(), true).setResource(created);
    }

    /** The system or value of {@code identifier=system|value}, the one condition Lavender matches patients on. */
    private static String identifierCondition(String conditionalUrl, String part) {
        String query = conditionalUrl.substring(conditionalUrl.indexOf('?') + 1);
        String prefix = Patient.SP_IDENTIFIER + "=";
        if (!query.startsWith(prefix) || query.contains("&")) {
            throw new InvalidRequestException("If-None-Exist must be identifier=system|value, not '" + query + "'");
        }
        String token = URLDecoder.decode(query.substring(prefix.length()), StandardCharsets.UTF_8);
        int bar = token.indexOf('|');
        if (bar <= 0 || bar == token.length() - 1) {
            throw new InvalidRequestException("If-None-Exist identifier needs system and value (system|value)");
        }
        return "system".equals(part) ? token.substring(0, bar) : token.substring(bar + 1);
    }

    @Read
    public Patient read(@IdParam IdType id) {
        return Ids.asLong(id).flatMap(patients::find).map(PatientMapper::toFhir)
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public Bundle search(RequestDetails request,
                         @Description(shortDefinition = "An identifier: system|value or value (MRN: urn:lavender:mrn)")
                         @OptionalParam(name = Patient.SP_IDENTIFIER) TokenParam identifier,
                         @Description(shortDefinition = "Start of the family or given name (case and accents ignored)")
                         @OptionalParam(name = Patient.SP_NAME) StringParam name,
                         @Description(shortDefinition = "Date of birth (eq only, YYYY-MM-DD)")
                         @OptionalParam(name = Patient.SP_BIRTHDATE) DateParam birthDate,
                         @Description(shortDefinition = "Opaque cursor from the previous page's next link")
                         @OptionalParam(name = SearchPage.CURSOR) StringParam cursor,
                         @Count Integer count) {
        SearchParams.plainToken(identifier, Patient.SP_IDENTIFIER);
        if (name != null && (name.isExact() || name.isContains())) {
            throw new InvalidRequestException("Patient name search matches the start of a name; "
                    + ":exact and :contains are not supported");
        }
        var query = new PatientQuery(identifier == null ? null : SearchParams.emptyToNull(identifier.getValue()),
                identifier == null ? null : SearchParams.emptyToNull(identifier.getSystem()),
                name == null ? null : SearchParams.emptyToNull(name.getValue()),
                birthDate(birthDate));
        Slice<org.lavender.patients.Patient> page = patients.search(query, cursor == null ? null : cursor.getValue(),
                SearchPage.size(count));
        return SearchPage.of(request, page.items().stream().map(PatientMapper::toFhir).toList(), page.nextCursor());
    }

    private static LocalDate birthDate(DateParam param) {
        if (param == null) {
            return null;
        }
        if (param.getPrefix() != null && param.getPrefix() != ParamPrefixEnum.EQUAL) {
            throw new InvalidRequestException("birthdate supports only an exact date (eq), not "
                    + param.getPrefix().getValue());
        }
        if (param.getPrecision() != TemporalPrecisionEnum.DAY) {
            throw new InvalidRequestException("birthdate must be a full date (YYYY-MM-DD)");
        }
        return LocalDate.parse(param.getValueAsString().substring(0, 10));
    }
}
