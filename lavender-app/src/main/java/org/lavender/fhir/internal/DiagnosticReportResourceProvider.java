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
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.IdType;
import org.lavender.orders.Order;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.Results;
import org.lavender.shared.Slice;
import org.springframework.stereotype.Component;

/** One DiagnosticReport per order, built from the order and its results (read-only). */
@Component
class DiagnosticReportResourceProvider implements IResourceProvider {

    private final Orders orders;
    private final Results results;
    private final Patients patients;

    DiagnosticReportResourceProvider(Orders orders, Results results, Patients patients) {
        this.orders = orders;
        this.results = results;
        this.patients = patients;
    }

    @Override
    public Class<DiagnosticReport> getResourceType() {
        return DiagnosticReport.class;
    }

    @Read
    public DiagnosticReport read(@IdParam IdType id) {
        Order order = Ids.asLong(id).flatMap(orders::find).orElseThrow(() -> new ResourceNotFoundException(id));
        return DiagnosticReportMapper.toFhir(order, results.forOrder(order.id()));
    }

    @Search
    public Bundle search(RequestDetails request,
                         @Description(shortDefinition = "The patient: Patient/{id}, or subject.identifier=system|value")
                         @OptionalParam(name = DiagnosticReport.SP_SUBJECT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam subject,
                         @OptionalParam(name = DiagnosticReport.SP_PATIENT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam patient,
                         @Description(shortDefinition = "A ServiceRequest of the order: ServiceRequest/{id}")
                         @OptionalParam(name = DiagnosticReport.SP_BASED_ON, chainWhitelist =
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceParam basedOn,
                         @Description(shortDefinition = "Opaque cursor from the previous page's next link")
                         @OptionalParam(name = SearchPage.CURSOR) StringParam cursor,
                         @Count Integer count) {
        IdFilter patientFilter = SearchParams.patient(subject, patient, patients);
        IdFilter itemFilter = SearchParams.reference(basedOn, "ServiceRequest");
        if (patientFilter.matchesNothing() || itemFilter.matchesNothing()) {
            return SearchPage.empty(request);
        }
        List<Order> found;
        String next = null;
        if (itemFilter.id() != null) {
            found = orders.findByItem(itemFilter.id())
                    .filter(o -> patientFilter.id() == null || o.patientId() == patientFilter.id())
                    .map(List::of).orElse(List.of());
        } else {
            Slice<Order> page = orders.list(new OrderQuery(patientFilter.id(), null, null, null),
                    cursor == null ? null : cursor.getValue(), SearchPage.size(count));
            found = page.items();
            next = page.nextCursor();
        }
        Map<Long, List<LabResult>> resultsByOrder = found.isEmpty() ? Map.of()
                : results.forOrders(found.stream().map(Order::id).toList()).stream()
                        .collect(Collectors.groupingBy(LabResult::orderId));
        return SearchPage.of(request, found.stream().map(o -> DiagnosticReportMapper.toFhir(o,
                resultsByOrder.getOrDefault(o.id(), List.of()))).toList(), next);
    }
}
