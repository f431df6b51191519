package org.lavender.specimens.internal;

import java.util.ArrayList;
import java.util.List;
import org.lavender.shared.InvalidInputException;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Tube labels: ZPL II text for a Zebra printer, or a PDF with one 2 × 1 inch page per tube. */
@Controller
@RequestMapping("/specimens")
class SpecimenLabelController {

    private final Specimens specimens;

    SpecimenLabelController(Specimens specimens) {
        this.specimens = specimens;
    }

    @GetMapping(value = "/{accession}/label.zpl")
    ResponseEntity<String> zpl(@PathVariable String accession) {
        return ResponseEntity.ok().contentType(new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8))
                .body(specimens.zplLabel(accession));
    }

    @GetMapping(value = "/labels.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam(required = false) Long orderId,
                               @RequestParam(name = "accession", required = false) List<String> accessions) {
        List<String> wanted = new ArrayList<>();
        if (orderId != null) {
            // Cancelled and rejected tubes are not drawn, so they get no label.
            specimens.forOrder(orderId).stream().filter(s -> s.status().active()).map(Specimen::accession)
                    .forEach(wanted::add);
            if (wanted.isEmpty()) {
                throw new InvalidInputException("orderId", "Order " + orderId + " has no tubes to label");
            }
        }
        if (accessions != null) {
            accessions.stream().filter(a -> a != null && !a.isBlank()).forEach(wanted::add);
        }
        if (wanted.isEmpty()) {
            throw new InvalidInputException("accession", "Give an orderId or one or more accession numbers");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(orderId != null ? "labels-order-" + orderId + ".pdf" : "labels.pdf").build()
                        .toString())
                .body(specimens.pdfLabels(wanted));
    }
}
