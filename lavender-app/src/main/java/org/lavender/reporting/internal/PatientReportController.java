package org.lavender.reporting.internal;

import org.lavender.shared.PdfDocuments;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** The patient report of an order: on screen at /reports/orders/{id}, as PDF at /reports/orders/{id}/pdf. */
@Controller
@PreAuthorize("hasAnyRole('PHYSICIAN','TECHNICIAN','VERIFIER','ADMIN')")
class PatientReportController {

    private final PatientReports reports;
    private final ITemplateEngine templates;

    PatientReportController(PatientReports reports, ITemplateEngine templates) {
        this.reports = reports;
        this.templates = templates;
    }

    @GetMapping("/reports/orders/{orderId}")
    String report(@PathVariable long orderId, Model model) {
        model.addAttribute("report", reports.forOrder(orderId));
        model.addAttribute("orderId", orderId);
        return "reporting/report";
    }

    @GetMapping("/reports/orders/{orderId}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable long orderId) {
        PatientReport report = reports.forOrder(orderId);
        var context = new Context();
        context.setVariable("report", report);
        byte[] pdf = PdfDocuments.render(templates.process("reporting/report-pdf", context));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("report-" + report.orderNumber() + ".pdf").build().toString())
                .body(pdf);
    }
}
