package org.lavender.reporting.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.Section;
import org.lavender.orders.Order;
import org.lavender.orders.Orders;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.results.CriticalNotifications;
import org.lavender.results.LabResult;
import org.lavender.results.ResultRevision;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.NotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Assembles an order's patient report from the released results; never shows a value before its release. */
@Service
class PatientReports {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final Orders orders;
    private final Patients patients;
    private final Results results;
    private final CriticalNotifications notifications;
    private final Catalog catalog;
    private final Clock clock;
    private final String lab;
    private final String labAddress;

    PatientReports(Orders orders, Patients patients, Results results, CriticalNotifications notifications,
                   Catalog catalog, Clock clock, @Value("${lavender.lab.name:Lavender Laboratory}") String lab,
                   @Value("${lavender.lab.address:}") String labAddress) {
        this.orders = orders;
        this.patients = patients;
        this.results = results;
        this.notifications = notifications;
        this.catalog = catalog;
        this.clock = clock;
        this.lab = lab;
        this.labAddress = labAddress;
    }

    @Transactional(readOnly = true)
    public PatientReport forOrder(long orderId) {
        Order order = orders.find(orderId).orElseThrow(() -> new NotFoundException("Order", orderId));
        Patient patient = patients.find(order.patientId()).orElseThrow();
        List<LabResult> all = results.forOrder(orderId).stream()
                .filter(r -> r.status() != ResultStatus.PENDING || !results.calculated(r.testCode()))
                .sorted(Comparator.comparing(LabResult::section).thenComparing(LabResult::id))
                .toList();
        Map<Long, List<CriticalNotifications.Notification>> calls = notifications.forResults(
                        all.stream().map(LabResult::id).toList()).stream()
                .collect(Collectors.groupingBy(CriticalNotifications.Notification::resultId));
        ZoneId zone = clock.getZone();
        Map<String, List<PatientReport.Line>> bySection = new LinkedHashMap<>();
        for (LabResult r : all) {
            bySection.computeIfAbsent(sectionName(r.section()), s -> new ArrayList<>())
                    .add(line(r, calls.getOrDefault(r.id(), List.of()), zone));
        }
        int pending = (int) all.stream().filter(r -> !r.status().released() && r.status() != ResultStatus.CANCELLED)
                .count();
        String status = pending > 0 ? "PRELIMINARY"
                : all.stream().anyMatch(r -> r.status() == ResultStatus.CORRECTED) ? "CORRECTED" : "FINAL";
        return new PatientReport(lab, labAddress, patient.familyName().toUpperCase() + ", " + patient.givenName(),
                patient.mrn(), String.valueOf(patient.birthDate()), patient.sex().name().toLowerCase(),
                order.orderNumber(), at(order.orderedAt(), zone), order.orderingProvider(),
                order.priority().name(), first(all, LabResult::collectedAt, zone),
                first(all, LabResult::receivedAt, zone), status, at(clock.instant(), zone), pending,
                bySection.entrySet().stream().map(e -> new PatientReport.Section(e.getKey(), e.getValue())).toList());
    }

    private PatientReport.Line line(LabResult r, List<CriticalNotifications.Notification> calls, ZoneId zone) {
        boolean released = r.status().released();
        List<String> notes = new ArrayList<>();
        if (r.status() == ResultStatus.CORRECTED) {
            results.revisions(r.id()).stream()
                    .filter(v -> v.valueText() != null && v.status() != null && v.status().released())
                    .max(Comparator.comparingInt(ResultRevision::version))
                    .ifPresent(previous -> notes.add(correction(previous, zone)));
        }
        if (released) {
            calls.forEach(call -> notes.add(notification(call, zone)));
            if (r.comment() != null && !r.comment().isBlank()) {
                notes.add("Comment: " + r.comment());
            }
        }
        String state = switch (r.status()) {
            case FINAL -> "final";
            case CORRECTED -> "corrected";
            case CANCELLED -> "not done";
            default -> "pending";
        };
        return new PatientReport.Line(r.testName(), released ? r.valueText() : "", released ? r.unit() : "",
                released && r.interpretation() != null ? r.interpretation().name() : "",
                r.referenceText() == null ? "" : r.referenceText(), state,
                released ? Objects.toString(r.verifiedBy(), "") : "",
                released && r.verifiedAt() != null ? at(r.verifiedAt(), zone) : "", notes);
    }

    private static String correction(ResultRevision previous, ZoneId zone) {
        return "Corrected: previously reported " + previous.valueText()
                + (previous.unit() == null ? "" : " " + previous.unit())
                + (previous.changedAt() == null ? "" : ", changed " + at(previous.changedAt(), zone))
                + (previous.reason() == null ? "" : " (" + previous.reason() + ")");
    }

    // CLIA 493.1291(g): the report documents that the critical value was called, to whom and when.
    private static String notification(CriticalNotifications.Notification call, ZoneId zone) {
        var confirmed = call.calls().stream().filter(c -> c.reached() && Boolean.TRUE.equals(c.readBack()))
                .reduce((a, b) -> b);
        if (confirmed.isPresent()) {
            var c = confirmed.get();
            return "Critical value called to " + c.recipient() + (c.contact() == null || c.contact().isBlank() ? ""
                    : " (" + c.contact() + ")") + " by " + c.calledBy() + " at " + at(c.calledAt(), zone)
                    + ", read back confirmed";
        }
        return "Critical value: notification " + ("OVERDUE".equals(call.status()) ? "overdue (escalated)"
                : "in progress") + ", " + call.calls().size() + " unsuccessful attempt(s)";
    }

    private String sectionName(String code) {
        return catalog.section(code).map(Section::name).orElse(code);
    }

    private static String first(List<LabResult> all, java.util.function.Function<LabResult, Instant> field,
                                ZoneId zone) {
        return all.stream().map(field).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .map(i -> at(i, zone)).orElse("");
    }

    private static String at(Instant instant, ZoneId zone) {
        return WHEN.format(instant.atZone(zone));
    }
}
