package org.lavender.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.lavender.orders.Order;
import org.lavender.orders.OrderStatus;
import org.lavender.results.ResultStatus;

class DiagnosticReportMapperTests {

    private final Order bmpAndTsh = Fixtures.order(41, OrderStatus.ACTIVE,
            Fixtures.item(51, "BMP", "51990-0", "Basic metabolic panel", "NA", "K"),
            Fixtures.item(52, "TSH", "3016-3", "TSH", "TSH"));

    @Test
    void nothingMeasuredIsRegisteredAndPendingResultsAreNotListed() {
        DiagnosticReport report = DiagnosticReportMapper.toFhir(bmpAndTsh,
                List.of(Fixtures.result(1, 51, "NA", ResultStatus.PENDING)));

        assertThat(report.getStatus()).isEqualTo(DiagnosticReportStatus.REGISTERED);
        assertThat(report.getResult()).isEmpty();
    }

    @Test
    void someReleasedAndSomeNotYetReceivedIsPartial() {
        DiagnosticReport report = DiagnosticReportMapper.toFhir(bmpAndTsh, List.of(
                Fixtures.result(1, 51, "NA", ResultStatus.FINAL), Fixtures.result(2, 51, "K", ResultStatus.FINAL)));

        // TSH has no result yet (its tube is not received), so the report is not final.
        assertThat(report.getStatus()).isEqualTo(DiagnosticReportStatus.PARTIAL);
        assertThat(report.getResult()).extracting(Reference::getReference)
                .containsExactly("Observation/1", "Observation/2");
    }

    @Test
    void everythingReleasedIsFinalAndAnAmendmentMakesItCorrected() {
        var na = Fixtures.result(1, 51, "NA", ResultStatus.FINAL);
        var k = Fixtures.result(2, 51, "K", ResultStatus.FINAL);
        var tsh = Fixtures.result(3, 52, "TSH", ResultStatus.FINAL);
        var cancelledTsh = Fixtures.result(3, 52, "TSH", ResultStatus.CANCELLED);
        var correctedK = Fixtures.result(2, 51, "K", ResultStatus.CORRECTED);

        assertThat(DiagnosticReportMapper.status(bmpAndTsh, List.of(na, k, tsh)))
                .isEqualTo(DiagnosticReportStatus.FINAL);
        assertThat(DiagnosticReportMapper.status(bmpAndTsh, List.of(na, k, cancelledTsh)))
                .isEqualTo(DiagnosticReportStatus.FINAL);
        assertThat(DiagnosticReportMapper.status(bmpAndTsh, List.of(na, correctedK, tsh)))
                .isEqualTo(DiagnosticReportStatus.CORRECTED);
        assertThat(DiagnosticReportMapper.status(bmpAndTsh,
                List.of(na, k, Fixtures.result(3, 52, "TSH", ResultStatus.PRELIMINARY))))
                .isEqualTo(DiagnosticReportStatus.PARTIAL);
    }

    @Test
    void aSinglePanelOrderIsCodedWithThePanelLoincOtherwiseLaboratoryReport() {
        Order bmpOnly = Fixtures.order(42, OrderStatus.ACTIVE,
                Fixtures.item(53, "BMP", "51990-0", "Basic metabolic panel", "NA", "K"));

        DiagnosticReport single = DiagnosticReportMapper.toFhir(bmpOnly, List.of());
        DiagnosticReport several = DiagnosticReportMapper.toFhir(bmpAndTsh, List.of());

        assertThat(single.getCode().getCodingFirstRep().getCode()).isEqualTo("51990-0");
        assertThat(several.getCode().getCodingFirstRep().getCode()).isEqualTo("11502-2");
        assertThat(several.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("LAB");
        assertThat(several.getBasedOn()).extracting(Reference::getReference)
                .containsExactly("ServiceRequest/51", "ServiceRequest/52");
        assertThat(several.getIdElement().getIdPart()).isEqualTo("41");
    }

    @Test
    void aCancelledOrderIsCancelled() {
        Order cancelled = Fixtures.order(43, OrderStatus.CANCELLED, Fixtures.item(54, "K", "2823-3", "K", "K"));

        assertThat(DiagnosticReportMapper.status(cancelled, List.of())).isEqualTo(DiagnosticReportStatus.CANCELLED);
    }
}
