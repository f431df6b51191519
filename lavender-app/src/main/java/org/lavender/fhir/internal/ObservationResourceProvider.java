package org.lavender.fhir.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Slice;
import org.springframework.stereotype.Component;

/** Results as Observations (read-only; results come from analyzers and the bench, not from FHIR clients). */
@Component
class ObservationResourceProvider implements IResourceProvider {

    /** Every status an Observation can have here: PENDING results are not exposed (see ObservationMapper). */
    private static final Set<ResultStatus> EXPOSED = EnumSet.complementOf(EnumSet.of(ResultStatus.PENDING));

    private final Results results;
    private final Patients patients;
    private final Catalog catalog;

    ObservationResourceProvider(Results results, Patients patients, Catalog catalog) {
        this.results = results;
        this.patients = patients;
        this.catalog = catalog;
    }

    @Override
    public Class<Observation> getResourceType() {
        return Observation.class;
    }

    @Read
    public Observation read(@IdParam IdType id) {
        LabResult result = Ids.asLong(id).flatMap(results::find).filter(ObservationMapper::exposed)
                .orElseThrow(() -> new ResourceNotFoundException(id));
        return ObservationMapper.toFhir(result, resultTypes(Set.of(result)).get(result.testCode()));
    }

    @Search
    public Bundle search(RequestDetails request,
                         @Description(shortDefinition = "The patient: Patient/{id}, or subject.identifier=system|value")
                         @OptionalParam(name = Observation.SP_SUBJECT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam subject,
                         @OptionalParam(name = Observation.SP_PATIENT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam patient,
                         @Description(shortDefinition = "The specimen (tube) measured: Specimen/{id}")
                         @OptionalParam(name = Observation.SP_SPECIMEN, chainWhitelist =
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceParam specimen,
                         @Description(shortDefinition = "LOINC of the analyte (http://loinc.org|code) or test code")
                         @OptionalParam(name = Observation.SP_CODE) TokenParam code,
                         @Description(shortDefinition = "The ServiceRequest (order item): ServiceRequest/{id}")
                         @OptionalParam(name = Observation.SP_BASED_ON, chainWhitelist =
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceParam basedOn,
                         @Description(shortDefinition = "preliminary | final | corrected | cancelled (comma = or)")
                         @OptionalParam(name = Observation.SP_STATUS) TokenOrListParam status,
                         @Description(shortDefinition = "Opaque cursor from the previous page's next link")
                         @OptionalParam(name = SearchPage.CURSOR) StringParam cursor,
                         @Count Integer count) {
        IdFilter patientFilter = SearchParams.patient(subject, patient, patients);
        IdFilter specimenFilter = SearchParams.reference(specimen, "Specimen");
        IdFilter itemFilter = SearchParams.reference(basedOn, "ServiceRequest");
        Set<ResultStatus> statuses = statuses(status);
        String testCode = code(SearchParams.plainToken(code, Observation.SP_CODE));
        if (patientFilter.matchesNothing() || specimenFilter.matchesNothing() || itemFilter.matchesNothing()
                || statuses.isEmpty() || (code != null && testCode == null)) {
            return SearchPage.empty(request);
        }
        var query = new ResultQuery(patientFilter.id(), specimenFilter.id(), null, itemFilter.id(), testCode,
                statuses);
        Slice<LabResult> page = results.search(query, cursor == null ? null : cursor.getValue(),
                SearchPage.size(count));
        Map<String, ResultType> types = resultTypes(page.items());
        return SearchPage.of(request, page.items().stream().filter(ObservationMapper::exposed)
                .map(r -> ObservationMapper.toFhir(r, types.get(r.testCode()))).toList(), page.nextCursor());
    }

    private static Set<ResultStatus> statuses(TokenOrListParam param) {
        if (param == null) {
            return EXPOSED;
        }
        Set<ResultStatus> statuses = EnumSet.noneOf(ResultStatus.class);
        for (TokenParam token : param.getValuesAsQueryTokens()) {
            try {
                statuses.add(ResultStatus.fromFhir(SearchParams.plainToken(token, Observation.SP_STATUS).getValue()));
            } catch (InvalidInputException e) {
                throw new InvalidRequestException("status: " + e.getMessage());
            }
        }
        statuses.retainAll(EXPOSED);
        return statuses;
    }

    /** The code to look for, or null when the token's system is one Lavender does not code results in. */
    private static String code(TokenParam token) {
        if (token == null) {
            return null;
        }
        String system = SearchParams.emptyToNull(token.getSystem());
        boolean known = system == null || FhirSystems.LOINC.equals(system) || FhirSystems.TEST_CODE.equals(system);
        return known ? SearchParams.emptyToNull(token.getValue()) : null;
    }

    /**
     * The catalog's result type for tests whose value is not a number (to tell a coded answer from free text);
     * one lookup per distinct test, only for the few non-numeric results on a page.
     */
    private Map<String, ResultType> resultTypes(Collection<LabResult> page) {
        Map<String, ResultType> types = new HashMap<>();
        page.stream().filter(r -> r.numericValue() == null && r.valueText() != null).map(LabResult::testCode)
                .distinct().forEach(testCode -> catalog.test(testCode).map(TestDefinition::resultType)
                        .ifPresent(type -> types.put(testCode, type)));
        return types;
    }
}
