package org.lavender.specimens.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.ConflictException;
import org.springframework.stereotype.Component;

/**
 * Fills labels from the tube, the patient and the container type. A label is never printed without the patient's
 * identifiers: an unlabeled or mislabeled tube is a rejection reason, a wrong one a patient-safety event.
 */
@Component
class LabelService {

    private final Patients patients;
    private final Catalog catalog;

    LabelService(Patients patients, Catalog catalog) {
        this.patients = patients;
        this.catalog = catalog;
    }

    String zpl(Tube tube) {
        return ZplLabel.render(contents(List.of(tube)).get(0));
    }

    byte[] pdf(List<Tube> tubes) {
        return PdfLabelSheet.render(contents(tubes));
    }

    private List<LabelContent> contents(List<Tube> tubes) {
        Map<Long, Patient> byId = patients.findAll(tubes.stream().map(Tube::patientId).distinct().toList())
                .stream().collect(Collectors.toMap(Patient::id, Function.identity()));
        Map<String, Optional<ContainerType>> containers = tubes.stream().map(Tube::containerCode).distinct()
                .collect(Collectors.toMap(Function.identity(), catalog::container));
        return tubes.stream().map(t -> {
            Patient p = byId.get(t.patientId());
            if (p == null) {
                throw new ConflictException("Patient " + t.patientId() + " of tube " + t.accession()
                        + " is not registered; no label is printed without the patient's identifiers");
            }
            Optional<ContainerType> c = containers.get(t.containerCode());
            return new LabelContent(t.accession(), p.displayName(), p.mrn(), p.birthDate(),
                    c.map(ContainerType::name).orElse(t.containerCode()),
                    c.map(ContainerType::capColour).orElse(null), c.map(ContainerType::colourHex).orElse(null),
                    t.specimenType(), t.activeLines().stream().map(Tube.TestLine::testCode).distinct().toList(),
                    t.priority());
        }).toList();
    }
}
