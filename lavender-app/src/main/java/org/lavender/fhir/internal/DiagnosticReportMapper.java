package org.lavender.fhir.internal;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.lavender.orders.Order;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderStatus;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;

/**
 * One order → one DiagnosticReport (id = order id). Its status follows its results: {@code registered} while
 * nothing is measured, {@code partial} while some ordered test has no released result, {@code final} when every
 * ordered test is released (or cancelled), {@code corrected} when a released result was later amended.
 */
final class DiagnosticReportMapper {

    /** LOINC 11502-2 "Laboratory report", for orders of more than one test or panel. */
    static final String GENERIC_REPORT_LOINC = "11502-2";

    private DiagnosticReportMapper() {
    }

    static DiagnosticReport toFhir(Order order, List<LabResult> results) {
        var report = new DiagnosticReport();
        report.setIdElement(new IdType("DiagnosticReport", String.valueOf(order.id())));
        report.addIdentifier().setSystem(FhirSystems.ORDER_NUMBER).setValue(order.orderNumber());
        report.setStatus(status(order, results));
        report.addCategory().addCoding().setSystem(FhirSystems.DIAGNOSTIC_SERVICE).setCode("LAB")
                .setDisplay("Laboratory");
        code(report, order);
        report.setSubject(new Reference("Patient/" + order.patientId()));
        order.items().forEach(item -> report.addBasedOn(new Reference("ServiceRequest/" + item.id())));
        List<LabResult> shown = results.stream().filter(ObservationMapper::exposed)
                .sorted(Comparator.comparingLong(LabResult::id)).toList();
        shown.forEach(r -> report.addResult(new Reference("Observation/" + r.id()).setDisplay(r.testName())));
        results.stream().map(LabResult::specimenId).distinct().sorted()
                .forEach(id -> report.addSpecimen(new Reference("Specimen/" + id)));
        results.stream().map(LabResult::collectedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .ifPresent(collected -> report.setEffective(new DateTimeType(Date.from(collected))));
        shown.stream().filter(r -> r.status().released()).map(LabResult::verifiedAt).filter(Objects::nonNull)
                .max(Comparator.naturalOrder()).map(Instant::toEpochMilli).map(Date::new).ifPresent(report::setIssued);
        // The printable report (released values, critical-call documentation, corrections) as the EHR files it.
        report.addPresentedForm().setContentType("application/pdf").setLanguage("en")
                .setUrl(contextPath() + "/reports/orders/" + order.id() + "/pdf")
                .setTitle("Laboratory report " + order.orderNumber());
        return report;
    }

    /** The server's own address as the client called it, so the report's URL is absolute. */
    private static String contextPath() {
        return org.springframework.web.context.request.RequestContextHolder.getRequestAttributes() == null ? ""
                : org.springframework.web.servlet.support.ServletUriComponentsBuilder.fromCurrentContextPath()
                        .toUriString();
    }

    private static void code(DiagnosticReport report, Order order) {
        List<OrderItem> items = order.items();
        if (items.size() == 1 && items.get(0).orderableLoinc() != null) {
            OrderItem only = items.get(0);
            report.getCode().addCoding().setSystem(FhirSystems.LOINC).setCode(only.orderableLoinc())
                    .setDisplay(only.orderableName());
            report.getCode().setText(only.orderableName());
        } else {
            report.getCode().addCoding().setSystem(FhirSystems.LOINC).setCode(GENERIC_REPORT_LOINC)
                    .setDisplay("Laboratory report");
            report.getCode().setText("Laboratory report");
        }
    }

    static DiagnosticReportStatus status(Order order, List<LabResult> results) {
        if (order.status() == OrderStatus.CANCELLED) {
            return DiagnosticReportStatus.CANCELLED;
        }
        Map<String, LabResult> byTest = new HashMap<>();
        results.forEach(r -> byTest.merge(r.orderItemId() + "/" + r.testCode(), r,
                (a, b) -> a.id() > b.id() ? a : b));
        boolean allDone = true;
        boolean anyReleased = false;
        boolean anyCorrected = false;
        boolean anyMeasured = false;
        for (OrderItem item : order.items()) {
            if ("CANCELLED".equalsIgnoreCase(item.status())) {
                continue;
            }
            List<String> tests = item.testCodes() == null || item.testCodes().isEmpty()
                    ? List.of(item.orderableCode()) : item.testCodes();
            for (String test : tests) {
                LabResult result = byTest.get(item.id() + "/" + test);
                ResultStatus status = result == null ? ResultStatus.PENDING : result.status();
                anyReleased |= status.released();
                anyCorrected |= status == ResultStatus.CORRECTED;
                anyMeasured |= status != ResultStatus.PENDING && status != ResultStatus.CANCELLED;
                allDone &= status.released() || status == ResultStatus.CANCELLED;
            }
        }
        if (allDone && anyReleased) {
            return anyCorrected ? DiagnosticReportStatus.CORRECTED : DiagnosticReportStatus.FINAL;
        }
        if (allDone) {
            return DiagnosticReportStatus.CANCELLED;
        }
        return anyMeasured ? DiagnosticReportStatus.PARTIAL : DiagnosticReportStatus.REGISTERED;
    }
}
