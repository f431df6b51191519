package org.lavender.fhir.internal;

import java.util.Date;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Specimen.SpecimenStatus;
import org.lavender.catalog.ContainerType;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;

/**
 * One tube → FHIR Specimen. {@code accessionIdentifier.value} is the accession printed on the label. Status:
 * a drawn tube is {@code available}; a tube not yet drawn or cancelled is {@code unavailable} (no physical
 * specimen); a rejected tube is {@code unsatisfactory}, with the reason as condition (HL7 v2 table 0493 where it
 * has a code).
 */
final class SpecimenMapper {

    private static final Map<RejectionReason, String> CONDITION_CODES = Map.of(
            RejectionReason.HEMOLYZED, "HEM",
            RejectionReason.CLOTTED, "CLOT",
            RejectionReason.CONTAMINATED, "CON");

    private SpecimenMapper() {
    }

    static org.hl7.fhir.r4.model.Specimen toFhir(Specimen specimen, Map<String, ContainerType> containers) {
        var resource = new org.hl7.fhir.r4.model.Specimen();
        resource.setIdElement(new IdType("Specimen", String.valueOf(specimen.id())));
        resource.getAccessionIdentifier().setSystem(FhirSystems.ACCESSION).setValue(specimen.accession());
        resource.setStatus(status(specimen));
        if (specimen.specimenType() != null) {
            resource.setType(new CodeableConcept().setText(specimen.specimenType()));
        }
        resource.setSubject(new Reference("Patient/" + specimen.patientId()));
        specimen.tests().stream().map(Specimen.SpecimenTest::orderItemId).distinct().sorted()
                .forEach(itemId -> resource.addRequest(new Reference("ServiceRequest/" + itemId)));
        if (specimen.parentId() != null) {
            resource.addParent(new Reference("Specimen/" + specimen.parentId()));
        }
        if (specimen.collectedAt() != null) {
            resource.getCollection().setCollected(new DateTimeType(Date.from(specimen.collectedAt())));
            if (specimen.collectedBy() != null) {
                resource.getCollection().getCollector().setDisplay(specimen.collectedBy());
            }
        }
        if (specimen.receivedAt() != null) {
            resource.setReceivedTime(Date.from(specimen.receivedAt()));
        }
        if (specimen.containerCode() != null) {
            container(resource, specimen.containerCode(), containers.get(specimen.containerCode()));
        }
        if (specimen.rejectionReason() != null) {
            rejection(resource, specimen);
        }
        return resource;
    }

    private static SpecimenStatus status(Specimen specimen) {
        return switch (specimen.status()) {
            case COLLECTED, RECEIVED -> SpecimenStatus.AVAILABLE;
            case REJECTED -> SpecimenStatus.UNSATISFACTORY;
            case ORDERED, CANCELLED -> SpecimenStatus.UNAVAILABLE;
        };
    }

    private static void container(org.hl7.fhir.r4.model.Specimen resource, String code, ContainerType type) {
        var container = resource.addContainer();
        var coding = container.getType().addCoding().setSystem(FhirSystems.CONTAINER).setCode(code);
        if (type == null) {
            return;
        }
        coding.setDisplay(type.name());
        container.getType().setText(type.name() + (type.capColour() == null ? "" : " (" + type.capColour() + ")"));
        if (type.additive() != null) {
            container.setAdditive(new CodeableConcept().setText(type.additive()));
        }
        if (type.drawVolumeMl() != null) {
            container.setCapacity(new Quantity().setValue(type.drawVolumeMl()).setUnit("mL")
                    .setSystem(FhirSystems.UCUM).setCode("mL"));
        }
    }

    private static void rejection(org.hl7.fhir.r4.model.Specimen resource, Specimen specimen) {
        RejectionReason reason = specimen.rejectionReason();
        CodeableConcept condition = resource.addCondition().setText(reason.display());
        String code = CONDITION_CODES.get(reason);
        if (code != null) {
            condition.addCoding().setSystem(FhirSystems.SPECIMEN_CONDITION).setCode(code)
                    .setDisplay(reason.display());
        }
        String note = "Rejected: " + reason.display()
                + (specimen.rejectionComment() == null ? "" : " – " + specimen.rejectionComment());
        resource.addNote().setText(note);
    }
}
