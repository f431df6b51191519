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
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Specimen;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.patients.Patients;
import org.lavender.shared.Slice;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.Specimens;
import org.springframework.stereotype.Component;

/** Specimens (tubes) are read-only through FHIR: they are created by placing orders. */
@Component
class SpecimenResourceProvider implements IResourceProvider {

    private final Specimens specimens;
    private final Patients patients;
    private final Catalog catalog;

    SpecimenResourceProvider(Specimens specimens, Patients patients, Catalog catalog) {
        this.specimens = specimens;
        this.patients = patients;
        this.catalog = catalog;
    }

    @Override
    public Class<Specimen> getResourceType() {
        return Specimen.class;
    }

    @Read
    public Specimen read(@IdParam IdType id) {
        return Ids.asLong(id).flatMap(specimens::find).map(s -> SpecimenMapper.toFhir(s, containers()))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    @Search
    public Bundle search(RequestDetails request,
                         @Description(shortDefinition = "The ServiceRequest (order item) the tube serves")
                         @OptionalParam(name = "request", chainWhitelist =
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceParam serviceRequest,
                         @Description(shortDefinition = "The patient: Patient/{id}, or subject.identifier=system|value")
                         @OptionalParam(name = Specimen.SP_SUBJECT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam subject,
                         @OptionalParam(name = Specimen.SP_PATIENT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam patient,
                         @Description(shortDefinition = "The accession number on the tube label")
                         @OptionalParam(name = Specimen.SP_ACCESSION) TokenParam accession,
                         @Description(shortDefinition = "Opaque cursor from the previous page's next link")
                         @OptionalParam(name = SearchPage.CURSOR) StringParam cursor,
                         @Count Integer count) {
        IdFilter patientFilter = SearchParams.patient(subject, patient, patients);
        IdFilter itemFilter = SearchParams.reference(serviceRequest, "ServiceRequest");
        if (patientFilter.matchesNothing() || itemFilter.matchesNothing()) {
            return SearchPage.empty(request);
        }
        String accessionNumber = accession == null ? null
                : SearchParams.emptyToNull(SearchParams.plainToken(accession, Specimen.SP_ACCESSION).getValue());
        var query = new SpecimenQuery(patientFilter.id(), null, itemFilter.id(), null, null, accessionNumber);
        Slice<org.lavender.specimens.Specimen> page = specimens.search(query,
                cursor == null ? null : cursor.getValue(), SearchPage.size(count));
        Map<String, ContainerType> containers = page.items().isEmpty() ? Map.of() : containers();
        return SearchPage.of(request, page.items().stream().map(s -> SpecimenMapper.toFhir(s, containers)).toList(),
                page.nextCursor());
    }

    /** All container types in one call (a few dozen rows), instead of one lookup per tube. */
    private Map<String, ContainerType> containers() {
        return catalog.containers().stream()
                .collect(Collectors.toMap(ContainerType::code, Function.identity(), (a, b) -> a));
    }
}
