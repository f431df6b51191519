package org.lavender.specimens.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.InvalidInputException;
import org.lavender.specimens.Specimen;
import org.springframework.stereotype.Component;

/** Read models for the specimen pages: tubes with patient, container and times in the lab's zone. */
@Component
public class SpecimenViews {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final SpecimenService specimens;
    private final Patients patients;
    private final Catalog catalog;
    private final ZoneId zone;

    SpecimenViews(SpecimenService specimens, Patients patients, Catalog catalog, Clock clock) {
        this.specimens = specimens;
        this.patients = patients;
        this.catalog = catalog;
        this.zone = clock.getZone();
    }

    /** One row of a list: the tube, its patient (null if not found) and its container (null if unknown). */
    public record Row(Specimen tube, Patient patient, ContainerType container, String created) {

        public String patientName() {
            return patient == null ? "patient " + tube.patientId() : patient.displayName();
        }

        public String testCodes() {
            return tube.tests().stream().map(Specimen.SpecimenTest::testCode).distinct()
                    .collect(Collectors.joining(" "));
        }
    }

    public record Event(String what, String when, String who, String note) {
    }

    public record Detail(Tube tube, Patient patient, ContainerType container, List<Event> timeline, String parent,
                  String replaces, String replacedBy, List<String> aliquots, String nowInput) {

        public List<Tube.TestLine> activeLines() {
            return tube.activeLines();
        }

        public List<Tube.TestLine> otherLines() {
            return tube.lines().stream().filter(l -> !l.active()).toList();
        }
    }

    List<Row> rows(Collection<Specimen> tubes) {
        Map<Long, Patient> byId = patients.findAll(tubes.stream().map(Specimen::patientId).distinct().toList())
                .stream().collect(Collectors.toMap(Patient::id, Function.identity(), (a, b) -> a));
        Map<String, ContainerType> containers = containers();
        return tubes.stream().map(t -> new Row(t, byId.get(t.patientId()), containers.get(t.containerCode()),
                format(t.createdAt()))).toList();
    }

    Detail detail(String accession) {
        Tube t = specimens.detail(accession);
        List<Event> timeline = new ArrayList<>();
        timeline.add(new Event("Ordered", format(t.createdAt()), null, null));
        if (t.collectedAt() != null) {
            timeline.add(new Event("Collected", format(t.collectedAt()), t.collectedBy(),
                    SpecimenService.COLLECTOR_NOT_RECORDED.equals(t.collectedBy())
                            ? "draw not documented: receipt time recorded" : null));
        }
        if (t.receivedAt() != null) {
            timeline.add(new Event("Received", format(t.receivedAt()), t.receivedBy(), null));
        }
        if (t.rejectedAt() != null) {
            timeline.add(new Event("Rejected", format(t.rejectedAt()), t.rejectedBy(),
                    t.rejectionReason().display() + (t.rejectionComment() == null ? "" : ": " + t.rejectionComment())));
        }
        return new Detail(t, patients.find(t.patientId()).orElse(null), catalog.container(t.containerCode())
                .orElse(null), timeline,
                t.parentId() == null ? null : specimens.byId(t.parentId()).map(Tube::accession).orElse(null),
                t.replacesId() == null ? null : specimens.byId(t.replacesId()).map(Tube::accession).orElse(null),
                specimens.replacementOf(t.id()).map(Tube::accession).orElse(null),
                specimens.aliquotsOf(t.id()).stream().map(Tube::accession).toList(),
                LocalDateTime.now(zone).format(INPUT));
    }

    Map<String, ContainerType> containers() {
        return catalog.containers().stream()
                .collect(Collectors.toMap(ContainerType::code, Function.identity(), (a, b) -> a));
    }

    String format(Instant instant) {
        return instant == null ? "" : SHOWN.format(instant.atZone(zone));
    }

    /** A {@code datetime-local} value typed at the bench, read in the lab's zone. */
    Instant parseLocal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, "'" + value + "' is not a date and time (yyyy-MM-ddTHH:mm)");
        }
    }

    Optional<ContainerType> container(String code) {
        return catalog.container(code);
    }
}
