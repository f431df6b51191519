package org.lavender.results.internal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Serum index settings of autoverification over JSON: index tests and per-analyte limits (admins change them). */
@RestController
@RequestMapping("/api/results/serum-indices")
@Tag(name = "Serum indices", description = "Which test carries each serum index, and per-analyte index limits")
class SerumIndexApi {

    private final SerumIndexSettings settings;

    SerumIndexApi(SerumIndexSettings settings) {
        this.settings = settings;
    }

    /** An index kind and the test carrying it. */
    record CarrierView(String kind, String index, String testCode, String testName, Instant updatedAt,
                       String updatedBy) {

        static CarrierView of(SerumIndexSettings.Carrier c) {
            return new CarrierView(c.kind().name(), c.label(), c.testCode(), c.testName(), c.updatedAt(),
                    c.updatedBy());
        }
    }

    /** An analyte's limits by kind (absent: not checked). */
    record LimitsView(String testCode, String testName, BigDecimal hemolysis, BigDecimal icterus, BigDecimal lipemia,
                      String text, Instant updatedAt, String updatedBy) {

        static LimitsView of(SerumIndexSettings.TestLimits l) {
            return new LimitsView(l.testCode(), l.testName(), l.limits().get(SerumIndex.H),
                    l.limits().get(SerumIndex.I), l.limits().get(SerumIndex.L), l.text(), l.updatedAt(),
                    l.updatedBy());
        }
    }

    record Overview(List<CarrierView> carriers, List<LimitsView> limits) {
    }

    /** Limits as text (blank or absent: not checked), so a malformed number gets the form's message. */
    record LimitsChange(String hemolysis, String icterus, String lipemia, String reason) {
    }

    record CarrierChange(String testCode, String reason) {
    }

    @GetMapping
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    @Operation(summary = "The test carrying each serum index and every analyte's index limits")
    Overview overview() {
        return new Overview(settings.carriers().stream().map(CarrierView::of).toList(),
                settings.allLimits().stream().map(LimitsView::of).toList());
    }

    @GetMapping("/limits/{testCode}")
    @PreAuthorize("hasAnyRole('VERIFIER','ADMIN')")
    @Operation(summary = "The serum index limits of one numeric test")
    LimitsView limits(@PathVariable String testCode) {
        return LimitsView.of(settings.limitsOf(testCode));
    }

    @PutMapping("/limits/{testCode}")
    @Operation(summary = "Set a test's hemolysis, icterus and lipemia index limits as a whole (administrator)")
    LimitsView setLimits(@PathVariable String testCode, @RequestBody LimitsChange change) {
        return LimitsView.of(settings.setLimits(testCode, change.hemolysis(), change.icterus(), change.lipemia(),
                change.reason()));
    }

    @PutMapping("/carriers/{kind}")
    @Operation(summary = "Map an index kind (H, I, L) to the test that carries it; empty test code removes it"
            + " (administrator)")
    CarrierView setCarrier(@PathVariable String kind, @RequestBody CarrierChange change) {
        return CarrierView.of(settings.setCarrier(kind, change.testCode(), change.reason()));
    }
}
