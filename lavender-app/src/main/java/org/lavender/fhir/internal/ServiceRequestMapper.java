package org.lavender.fhir.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.PractitionerRole;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestPriority;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.lavender.orders.Order;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderStatus;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Priority;

/**
 * FHIR ServiceRequest ↔ one order item. A ServiceRequest is one test or panel; its id is the order item id, and
 * requests sharing a {@code requisition} identifier belong to one Lavender order.
 */
final class ServiceRequestMapper {

    /** Intents that ask the lab to do the work; a proposal or plan is not an order. */
    private static final Set<ServiceRequestIntent> ORDER_INTENTS = EnumSet.of(ServiceRequestIntent.ORDER,
            ServiceRequestIntent.ORIGINALORDER, ServiceRequestIntent.REFLEXORDER, ServiceRequestIntent.FILLERORDER,
            ServiceRequestIntent.INSTANCEORDER);

    private ServiceRequestMapper() {
    }

    static OrderRequest read(ServiceRequest resource) {
        if (resource.hasStatus() && resource.getStatus() != ServiceRequestStatus.ACTIVE) {
            throw new InvalidInputException("ServiceRequest.status", "ServiceRequest.status must be 'active' to "
                    + "place an order, not '" + resource.getStatus().toCode() + "'");
        }
        if (resource.hasIntent() && !ORDER_INTENTS.contains(resource.getIntent())) {
            throw new InvalidInputException("ServiceRequest.intent", "ServiceRequest.intent '"
                    + resource.getIntent().toCode() + "' is not an order: use 'order'");
        }
        if (resource.getDoNotPerform()) {
            throw new InvalidInputException("ServiceRequest.doNotPerform",
                    "A ServiceRequest with doNotPerform = true cannot be placed as a lab order");
        }
        Reference subject = resource.getSubject();
        Long patientId = null;
        String subjectSystem = null;
        String subjectValue = null;
        if (subject.hasReference()) {
            patientId = patientId(subject.getReferenceElement());
        } else if (subject.hasIdentifier() && subject.getIdentifier().hasValue()) {
            subjectSystem = SearchParams.emptyToNull(subject.getIdentifier().getSystem());
            subjectValue = subject.getIdentifier().getValue().trim();
        } else {
            throw new InvalidInputException("ServiceRequest.subject",
                    "ServiceRequest.subject is required: the Patient the tests are for (Patient/{id})");
        }
        return new OrderRequest(patientId, subjectSystem, subjectValue, codes(resource),
                resource.hasPriority() ? Priority.parse(resource.getPriority().toCode()) : Priority.ROUTINE,
                requester(resource), notes(resource), requisition(resource));
    }

    private static Long patientId(IIdType reference) {
        if (reference.isLocal()) {
            throw new InvalidInputException("ServiceRequest.subject",
                    "ServiceRequest.subject cannot be a contained Patient: register the Patient first");
        }
        if (!"Patient".equals(reference.getResourceType())) {
            throw new InvalidInputException("ServiceRequest.subject", "ServiceRequest.subject must reference a "
                    + "Patient (Patient/{id}), not '" + reference.getValue() + "'");
        }
        if (!reference.isIdPartValidLong()) {
            throw new InvalidInputException("ServiceRequest.subject",
                    "ServiceRequest.subject " + reference.getValue() + " does not exist");
        }
        return reference.getIdPartAsLong();
    }

    private static List<OrderRequest.Code> codes(ServiceRequest resource) {
        List<OrderRequest.Code> codes = new ArrayList<>();
        for (Coding coding : resource.getCode().getCoding()) {
            String code = SearchParams.emptyToNull(coding.getCode());
            if (code == null) {
                continue;
            }
            if (FhirSystems.LOINC.equals(coding.getSystem())) {
                codes.add(new OrderRequest.Code(FhirSystems.LOINC, code));
            } else if (!coding.hasSystem() || FhirSystems.TEST_CODE.equals(coding.getSystem())) {
                codes.add(new OrderRequest.Code(FhirSystems.TEST_CODE, code));
            }
        }
        if (codes.isEmpty()) {
            throw new InvalidInputException("ServiceRequest.code", "ServiceRequest.code needs a coding with a "
                    + "LOINC code (system " + FhirSystems.LOINC + ") or a Lavender test code (system "
                    + FhirSystems.TEST_CODE + ") of a test or panel in the lab's catalog");
        }
        codes.sort(Comparator.comparing(c -> !c.loinc()));
        return List.copyOf(codes);
    }

    /** The ordering provider as people read it: the display, else the name of a contained practitioner. */
    private static String requester(ServiceRequest resource) {
        if (!resource.hasRequester()) {
            return null;
        }
        Reference requester = resource.getRequester();
        if (requester.hasDisplay() && !requester.getDisplay().isBlank()) {
            return requester.getDisplay().trim();
        }
        if (requester.getResource() instanceof Practitioner practitioner && practitioner.hasName()) {
            return name(practitioner.getNameFirstRep());
        }
        if (requester.getResource() instanceof PractitionerRole role && role.getPractitioner().hasDisplay()) {
            return role.getPractitioner().getDisplay().trim();
        }
        if (requester.hasReference() && !requester.getReferenceElement().isLocal()) {
            return requester.getReference().trim();
        }
        if (requester.hasIdentifier() && requester.getIdentifier().hasValue()) {
            return requester.getIdentifier().getValue().trim();
        }
        return null;
    }

    private static String name(HumanName name) {
        String text = name.hasText() ? name.getText() : name.getNameAsSingleString();
        return SearchParams.emptyToNull(text);
    }

    private static String notes(ServiceRequest resource) {
        String notes = resource.getNote().stream().map(Annotation::getText).filter(t -> t != null && !t.isBlank())
                .map(String::trim).collect(Collectors.joining("\n"));
        return notes.isEmpty() ? null : notes;
    }

    private static String requisition(ServiceRequest resource) {
        return resource.hasRequisition() ? SearchParams.emptyToNull(resource.getRequisition().getValue()) : null;
    }

    static ServiceRequest toFhir(Order order, OrderItem item) {
        var resource = new ServiceRequest();
        resource.setIdElement(new IdType("ServiceRequest", String.valueOf(item.id())));
        resource.setStatus(status(order, item));
        resource.setIntent(ServiceRequestIntent.ORDER);
        resource.addCategory().addCoding().setSystem(FhirSystems.SNOMED).setCode("108252007")
                .setDisplay("Laboratory procedure");
        if (item.orderableLoinc() != null) {
            resource.getCode().addCoding().setSystem(FhirSystems.LOINC).setCode(item.orderableLoinc())
                    .setDisplay(item.orderableName());
        }
        resource.getCode().addCoding().setSystem(FhirSystems.TEST_CODE).setCode(item.orderableCode())
                .setDisplay(item.orderableName());
        resource.getCode().setText(item.orderableName());
        resource.setSubject(new Reference("Patient/" + order.patientId()));
        resource.setPriority(ServiceRequestPriority.fromCode(order.priority().fhir()));
        Identifier orderNumber = resource.addIdentifier().setSystem(FhirSystems.ORDER_NUMBER)
                .setValue(order.orderNumber());
        orderNumber.getType().addCoding().setSystem(FhirSystems.IDENTIFIER_TYPE).setCode("FILL")
                .setDisplay("Filler Identifier");
        if (order.requisition() != null) {
            resource.setRequisition(new Identifier().setValue(order.requisition()));
        }
        if (order.orderingProvider() != null) {
            Reference requester = new Reference().setDisplay(order.orderingProvider());
            if (order.orderingProvider().matches("[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}")) {
                requester.setReference(order.orderingProvider());
            }
            resource.setRequester(requester);
        }
        if (order.orderedAt() != null) {
            resource.setAuthoredOn(java.util.Date.from(order.orderedAt()));
        }
        if (order.clinicalNotes() != null) {
            resource.addNote().setText(order.clinicalNotes());
        }
        if (item.cancelReason() != null) {
            resource.addNote().setText("Cancelled: " + item.cancelReason());
        }
        return resource;
    }

    private static ServiceRequestStatus status(Order order, OrderItem item) {
        if (order.status() == OrderStatus.CANCELLED || "CANCELLED".equalsIgnoreCase(item.status())) {
            return ServiceRequestStatus.REVOKED;
        }
        if (order.status() == OrderStatus.COMPLETED || "COMPLETED".equalsIgnoreCase(item.status())) {
            return ServiceRequestStatus.COMPLETED;
        }
        return ServiceRequestStatus.ACTIVE;
    }
}
