package org.lavender.results.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultRevision;
import org.lavender.results.ResultStatus;
import org.lavender.shared.NotFoundException;
import org.lavender.shared.Slice;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/results")
@Tag(name = "Results", description = "Result entry, verification and correction")
class ResultApi {

    private final ResultService results;
    private final CommentCodes comments;

    ResultApi(ResultService results, CommentCodes comments) {
        this.results = results;
        this.comments = comments;
    }

    record ValueEntry(String value, String comment, String commentCode) {
    }

    record Correction(String value, String reason) {
    }

    record Verification(List<Long> ids) {
    }

    @GetMapping
    @Operation(summary = "Search results, newest first (keyset cursor). Providers see released results only.")
    Slice<LabResult> search(@RequestParam(required = false) Long patientId,
                            @RequestParam(required = false) Long orderId,
                            @RequestParam(required = false) Long orderItemId,
                            @RequestParam(required = false) String code,
                            @RequestParam(required = false) Set<ResultStatus> status,
                            @RequestParam(required = false) String cursor,
                            @RequestParam(defaultValue = "50") int size, Authentication auth) {
        Set<ResultStatus> statuses = status;
        if (!LabStaff.is(auth)) {
            statuses = EnumSet.of(ResultStatus.FINAL, ResultStatus.CORRECTED);
            if (status != null && !status.isEmpty()) {
                statuses.retainAll(status);
                if (statuses.isEmpty()) {
                    return new Slice<>(List.of(), null);
                }
            }
        }
        return results.search(new ResultQuery(patientId, null, orderId, orderItemId, code, statuses), cursor, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One result")
    LabResult one(@PathVariable long id, Authentication auth) {
        LabResult r = results.find(id).orElseThrow(() -> new NotFoundException("Result", id));
        if (!LabStaff.is(auth) && !r.status().released()) {
            throw new NotFoundException("Released result", id);
        }
        return r;
    }

    @GetMapping("/{id}/revisions")
    @Operation(summary = "Former values of a result, oldest first")
    @PreAuthorize("hasAnyRole('TECHNICIAN','VERIFIER','ADMIN')")
    List<ResultRevision> revisions(@PathVariable long id) {
        return results.revisions(id);
    }

    @PostMapping("/{id}/value")
    @Operation(summary = "Enter or re-enter a value before verification")
    LabResult enter(@PathVariable long id, @RequestBody ValueEntry entry) {
        return results.enter(id, entry.value(), comments.compose(entry.commentCode(), entry.comment()));
    }

    record RerunRequest(String kind, String note) {
    }

    @PostMapping("/{id}/rerun")
    @Operation(summary = "Send a value waiting for verification back to the bench (RERUN or DILUTION)")
    LabResult rerun(@PathVariable long id, @RequestBody RerunRequest request) {
        return results.requestRerun(id, request.kind(), request.note());
    }

    record RunVerification(String section, String analyzer) {
    }

    @PostMapping("/verify-run")
    @Operation(summary = "Verify every result of a section waiting for verification that one analyzer sent")
    List<LabResult> verifyRun(@RequestBody RunVerification run) {
        return results.verifyRun(run.section(), run.analyzer());
    }

    @PostMapping("/verify")
    @Operation(summary = "Verify (release) preliminary results")
    List<LabResult> verify(@RequestBody Verification verification) {
        return results.verify(verification.ids() == null ? List.of() : verification.ids());
    }

    @PostMapping("/{id}/correction")
    @Operation(summary = "Correct a released result, with a reason")
    LabResult correct(@PathVariable long id, @RequestBody Correction correction) {
        return results.correct(id, correction.value(), correction.reason());
    }
}
