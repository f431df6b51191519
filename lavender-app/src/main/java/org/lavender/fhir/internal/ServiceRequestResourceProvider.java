package org.lavender.fhir.internal;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.Create;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.StringParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.Orderable;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderQuery;
import org.lavender.orders.Orders;
import org.lavender.patients.Patients;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;
import org.lavender.shared.Slice;
import org.springframework.stereotype.Component;

/**
 * ServiceRequest = one ordered test or panel (an order item). Creating one places an order through the orders
 * module, which plans the tubes in the same transaction, so the accessions exist when the 201 goes back.
 */
@Component
class ServiceRequestResourceProvider implements IResourceProvider {

    static final String SOURCE = "FHIR";

    private final Orders orders;
    private final Patients patients;
    private final Catalog catalog;

    ServiceRequestResourceProvider(Orders orders, Patients patients, Catalog catalog) {
        this.orders = orders;
        this.patients = patients;
        this.catalog = catalog;
    }

    @Override
    public Class<ServiceRequest> getResourceType() {
        return ServiceRequest.class;
    }

    @Create
    public MethodOutcome create(@ResourceParam ServiceRequest resource) {
        OrderRequest request = ServiceRequestMapper.read(resource);
        long patientId = patient(request);
        Orderable orderable = orderable(request.codes());
        if (request.requisition() != null) {
            orders.findByRequisition(request.requisition()).filter(o -> o.patientId() != patientId)
                    .ifPresent(o -> {
                        throw new InvalidInputException("ServiceRequest.requisition", "Requisition "
                                + request.requisition() + " belongs to another patient's order " + o.orderNumber());
                    });
        }
        Order order = orders.place(new NewOrder(patientId, List.of(orderable.code()), request.priority(),
                request.requester(), request.clinicalNotes(), request.requisition(), SOURCE));
        // Item ids come from a sequence, so the newest item of this orderable is the one just placed.
        OrderItem item = order.items().stream().filter(i -> orderable.code().equals(i.orderableCode()))
                .max(Comparator.comparingLong(OrderItem::id))
                .orElseThrow(() -> new IllegalStateException("Order " + order.orderNumber() + " has no item for "
                        + orderable.code() + " after placing it"));
        ServiceRequest created = ServiceRequestMapper.toFhir(order, item);
        return new MethodOutcome(created.getIdElement(), true).setResource(created);
    }

    private long patient(OrderRequest request) {
        if (request.patientId() != null) {
            return patients.find(request.patientId()).orElseThrow(() -> new InvalidInputException(
                    "ServiceRequest.subject", "ServiceRequest.subject Patient/" + request.patientId()
                            + " does not exist: register the patient first")).id();
        }
        if (request.subjectSystem() == null) {
            throw new InvalidInputException("ServiceRequest.subject.identifier",
                    "ServiceRequest.subject.identifier needs a system (e.g. " + FhirSystems.MRN + ")");
        }
        return patients.findByIdentifier(request.subjectSystem(), request.subjectValue())
                .orElseThrow(() -> new InvalidInputException("ServiceRequest.subject.identifier",
                        "No patient with identifier " + request.subjectSystem() + "|" + request.subjectValue()
                                + ": register the patient first"))
                .id();
    }

    private Orderable orderable(List<OrderRequest.Code> codes) {
        for (OrderRequest.Code code : codes) {
            var found = catalog.orderable(code.code()).filter(o -> code.loinc()
                    ? code.code().equals(o.loinc()) : code.code().equalsIgnoreCase(o.code()));
            if (found.isPresent()) {
                return found.get();
            }
        }
        throw new InvalidInputException("ServiceRequest.code", "ServiceRequest.code "
                + String.join(", ", codes.stream().map(OrderRequest.Code::describe).toList())
                + " is not a test or panel in the lab's catalog");
    }

    @Read
    public ServiceRequest read(@IdParam IdType id) {
        return Ids.asLong(id).flatMap(itemId -> orders.findByItem(itemId).flatMap(order -> order.items().stream()
                        .filter(i -> i.id() == itemId).findFirst().map(i -> ServiceRequestMapper.toFhir(order, i))))
                .orElseThrow(() -> new ResourceNotFoundException(id));
    }

    /**
     * Orders are paged (keyset, newest first) and each page returns the matching items of its orders, so a page
     * can hold more or fewer ServiceRequests than {@code _count}.
     */
    @Search
    public Bundle search(RequestDetails request,
                         @Description(shortDefinition = "The patient: Patient/{id}, or subject.identifier=system|value")
                         @OptionalParam(name = ServiceRequest.SP_SUBJECT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam subject,
                         @OptionalParam(name = ServiceRequest.SP_PATIENT, chainWhitelist = {
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED, SearchParams.IDENTIFIER_CHAIN})
                         ReferenceParam patient,
                         @Description(shortDefinition = "LOINC (http://loinc.org|code) or Lavender test code")
                         @OptionalParam(name = ServiceRequest.SP_CODE) TokenParam code,
                         @Description(shortDefinition = "routine | urgent | asap | stat")
                         @OptionalParam(name = ServiceRequest.SP_PRIORITY) TokenParam priority,
                         @Description(shortDefinition = "The ordering provider as sent (display or reference)")
                         @OptionalParam(name = ServiceRequest.SP_REQUESTER, chainWhitelist =
                                 OptionalParam.ALLOW_CHAIN_NOTCHAINED) ReferenceParam requester,
                         @Description(shortDefinition = "The requisition (placer group) identifier")
                         @OptionalParam(name = ServiceRequest.SP_REQUISITION) TokenParam requisition,
                         @Description(shortDefinition = "Opaque cursor from the previous page's next link")
                         @OptionalParam(name = SearchPage.CURSOR) StringParam cursor,
                         @Count Integer count) {
        IdFilter patientFilter = SearchParams.patient(subject, patient, patients);
        if (patientFilter.matchesNothing()) {
            return SearchPage.empty(request);
        }
        var query = new OrderQuery(patientFilter.id(), null, priority(priority),
                requisition == null ? null : SearchParams.emptyToNull(
                        SearchParams.plainToken(requisition, ServiceRequest.SP_REQUISITION).getValue()));
        Predicate<OrderItem> codeMatches = codeFilter(SearchParams.plainToken(code, ServiceRequest.SP_CODE));
        Slice<Order> page = orders.list(query, cursor == null ? null : cursor.getValue(), SearchPage.size(count));
        List<ServiceRequest> found = page.items().stream()
                .filter(order -> requester == null || sameProvider(order.orderingProvider(), requester))
                .flatMap(order -> order.items().stream().filter(codeMatches)
                        .map(item -> ServiceRequestMapper.toFhir(order, item)))
                .toList();
        return SearchPage.of(request, found, page.nextCursor());
    }

    private static Priority priority(TokenParam param) {
        if (param == null) {
            return null;
        }
        try {
            return Priority.parse(SearchParams.plainToken(param, ServiceRequest.SP_PRIORITY).getValue());
        } catch (InvalidInputException e) {
            throw new InvalidRequestException("priority: " + e.getMessage());
        }
    }

    private Predicate<OrderItem> codeFilter(TokenParam code) {
        if (code == null) {
            return item -> true;
        }
        String value = code.getValue();
        String system = SearchParams.emptyToNull(code.getSystem());
        if (FhirSystems.LOINC.equals(system)) {
            return item -> value.equals(item.orderableLoinc());
        }
        if (FhirSystems.TEST_CODE.equals(system)) {
            return item -> value.equalsIgnoreCase(item.orderableCode());
        }
        if (system != null) {
            return item -> false;
        }
        return item -> value.equals(item.orderableLoinc()) || value.equalsIgnoreCase(item.orderableCode());
    }

    private static boolean sameProvider(String orderingProvider, ReferenceParam requester) {
        if (orderingProvider == null) {
            return false;
        }
        return orderingProvider.equalsIgnoreCase(requester.getValue())
                || orderingProvider.equalsIgnoreCase(requester.getIdPart());
    }
}
