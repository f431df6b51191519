package org.lavender.specimens.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.lavender.shared.Slice;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenQuery;
import org.lavender.specimens.Specimens;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** JSON API for tubes: lookups by accession and the collection, receipt and rejection steps. */
@RestController
@RequestMapping("/api/specimens")
@Tag(name = "Specimens", description = "Tubes by accession number: collection, receipt in the lab, rejection")
class SpecimenApiController {

    private final Specimens specimens;
    private final Clock clock;

    SpecimenApiController(Specimens specimens, Clock clock) {
        this.specimens = specimens;
        this.clock = clock;
    }

    /** Who drew the tube and when; both default to the caller and now. */
    record CollectRequest(String collectedBy, Instant collectedAt) {
    }

    record RejectRequest(
            @Schema(description = "HEMOLYZED, CLOTTED, QNS, MISLABELED, WRONG_CONTAINER, TOO_OLD, CONTAMINATED, LEAKING",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            String reason, String comment) {
    }

    record AliquotRequest(List<String> tests) {
    }

    @GetMapping("/{accession}")
    @Operation(summary = "A tube by its accession number (as scanned from the label)")
    @ApiResponse(responseCode = "200", description = "The tube with the tests still to run on it")
    @ApiResponse(responseCode = "404", description = "No tube has this accession; the message repeats the text")
    Specimen get(@PathVariable String accession) {
        return specimens.byAccession(accession).orElseThrow(() -> new UnknownAccessionException(accession));
    }

    @GetMapping
    @Operation(summary = "Tubes, newest first, filtered; keyset-paginated with the cursor of the previous page")
    Slice<Specimen> search(@RequestParam(required = false) Long patientId,
                           @RequestParam(required = false) Long orderId,
                           @RequestParam(required = false) Long orderItemId,
                           @RequestParam(required = false) String status,
                           @RequestParam(required = false) String section,
                           @Parameter(description = "accession or its beginning, e.g. the day 260115")
                           @RequestParam(required = false) String accession,
                           @RequestParam(required = false) String cursor,
                           @RequestParam(defaultValue = "50") int size) {
        return specimens.search(new SpecimenQuery(patientId, orderId, orderItemId,
                SpecimenPageController.parseStatus(status), section, accession), cursor, size);
    }

    @PostMapping("/{accession}/collect")
    @PreAuthorize(SpecimenPageController.CHANGE)
    @Operation(summary = "Record the draw: who and when (not in the future, not before the order)")
    @ApiResponse(responseCode = "409", description = "Already collected, received, rejected or cancelled")
    @ApiResponse(responseCode = "422", description = "Collection time in the future or before the order")
    Specimen collect(@PathVariable String accession, @RequestBody(required = false) CollectRequest body) {
        String who = body == null || body.collectedBy() == null || body.collectedBy().isBlank()
                ? SpecimenService.currentUser() : body.collectedBy();
        Instant when = body == null || body.collectedAt() == null ? clock.instant() : body.collectedAt();
        return specimens.collect(accession, who, when);
    }

    @PostMapping("/{accession}/receive")
    @PreAuthorize(SpecimenPageController.CHANGE)
    @Operation(summary = "Receive the tube in the lab (its tests may now be run); publishes SpecimenReceived")
    @ApiResponse(responseCode = "404", description = "Unknown accession (the message repeats the scanned text)")
    @ApiResponse(responseCode = "409", description = "Already received (nothing changed), rejected or cancelled")
    Specimen receive(@PathVariable String accession) {
        return specimens.receive(accession);
    }

    @PostMapping("/{accession}/reject")
    @PreAuthorize(SpecimenPageController.CHANGE)
    @Operation(summary = "Reject the tube with a coded reason; its results are not released")
    @ApiResponse(responseCode = "409", description = "Already rejected or cancelled")
    @ApiResponse(responseCode = "422", description = "Missing reason or comment too long")
    Specimen reject(@PathVariable String accession, @RequestBody RejectRequest body) {
        return specimens.reject(accession, SpecimenPageController.parseReason(body.reason()), body.comment());
    }

    @PostMapping("/{accession}/recollect")
    @PreAuthorize(SpecimenPageController.CHANGE)
    @Operation(summary = "Plan a new tube for the tests of a rejected one")
    Specimen recollect(@PathVariable String accession) {
        return specimens.recollect(accession);
    }

    @PostMapping("/{accession}/aliquot")
    @PreAuthorize(SpecimenPageController.CHANGE)
    @Operation(summary = "Pour an aliquot of a received tube; the named tests move to it")
    Specimen aliquot(@PathVariable String accession, @RequestBody AliquotRequest body) {
        return specimens.aliquot(accession, body.tests());
    }
}
