package org.lavender.fhir.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Quantity.QuantityComparator;
import org.junit.jupiter.api.Test;
import org.lavender.catalog.ResultType;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;

class ObservationMapperTests {

    @Test
    void aCriticalPotassiumBecomesAFinalQuantityWithUcumRangeAndHhInterpretation() {
        LabResult result = Fixtures.potassiumResult(901, ResultStatus.FINAL, "6.8", null, "6.8", Interpretation.HH);

        Observation observation = ObservationMapper.toFhir(result, null);

        assertThat(observation.getIdElement().getIdPart()).isEqualTo("901");
        assertThat(observation.getStatus()).isEqualTo(ObservationStatus.FINAL);
        Coding loinc = observation.getCode().getCoding().get(0);
        assertThat(loinc.getSystem()).isEqualTo("http://loinc.org");
        assertThat(loinc.getCode()).isEqualTo("2823-3");
        Quantity value = observation.getValueQuantity();
        assertThat(value.getValue()).isEqualByComparingTo("6.8");
        assertThat(value.getSystem()).isEqualTo("http://unitsofmeasure.org");
        assertThat(value.getCode()).isEqualTo("mmol/L");
        assertThat(value.hasComparator()).isFalse();
        Coding flag = observation.getInterpretationFirstRep().getCodingFirstRep();
        assertThat(flag.getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation");
        assertThat(flag.getCode()).isEqualTo("HH");
        var range = observation.getReferenceRangeFirstRep();
        assertThat(range.getLow().getValue()).isEqualByComparingTo("3.5");
        assertThat(range.getHigh().getValue()).isEqualByComparingTo("5.1");
        assertThat(range.getHigh().getCode()).isEqualTo("mmol/L");
        assertThat(range.getText()).isEqualTo("3.5–5.1");
        assertThat(observation.getEffectiveDateTimeType().getValue()).isEqualTo(Date.from(Fixtures.COLLECTED));
        assertThat(observation.getIssued()).isEqualTo(Date.from(Fixtures.VERIFIED));
        assertThat(observation.getSubject().getReference()).isEqualTo("Patient/7");
        assertThat(observation.getSpecimen().getReference()).isEqualTo("Specimen/31");
        assertThat(observation.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/51");
    }

    @Test
    void aValueBelowTheMeasuringRangeKeepsItsComparator() {
        LabResult result = Fixtures.potassiumResult(902, ResultStatus.PRELIMINARY, "<0.05", "<", "0.05",
                Interpretation.LL);

        Observation observation = ObservationMapper.toFhir(result, ResultType.NUMERIC);

        assertThat(observation.getStatus()).isEqualTo(ObservationStatus.PRELIMINARY);
        assertThat(observation.getValueQuantity().getComparator()).isEqualTo(QuantityComparator.LESS_THAN);
        assertThat(observation.getValueQuantity().getValue()).isEqualByComparingTo("0.05");
        // Not verified yet: issued is when the preliminary value was entered.
        assertThat(observation.getIssued()).isEqualTo(Date.from(Fixtures.COLLECTED.plusSeconds(3600)));
    }

    @Test
    void comparatorsOfAllFourKindsAreMapped() {
        assertThat(ObservationMapper.comparator("<=")).isEqualTo(QuantityComparator.LESS_OR_EQUAL);
        assertThat(ObservationMapper.comparator("≥")).isEqualTo(QuantityComparator.GREATER_OR_EQUAL);
        assertThat(ObservationMapper.comparator(">")).isEqualTo(QuantityComparator.GREATER_THAN);
        assertThat(ObservationMapper.comparator(null)).isNull();
    }

    @Test
    void aCorrectedResultIsCorrected() {
        LabResult result = Fixtures.potassiumResult(903, ResultStatus.CORRECTED, "4.4", null, "4.4",
                Interpretation.N);

        assertThat(ObservationMapper.toFhir(result, null).getStatus()).isEqualTo(ObservationStatus.CORRECTED);
    }

    @Test
    void aQualitativeAnswerIsACodeableConceptWithSnomedAndFreeTextIsAString() {
        LabResult positive = Fixtures.potassiumResult(904, ResultStatus.FINAL, "Positive", null, null,
                Interpretation.A);
        LabResult onePlus = Fixtures.potassiumResult(905, ResultStatus.FINAL, "1+", null, null, Interpretation.A);
        LabResult comment = Fixtures.potassiumResult(906, ResultStatus.FINAL, "Few target cells seen", null, null,
                null);

        CodeableConcept coded = ObservationMapper.toFhir(positive, ResultType.CODED).getValueCodeableConcept();
        assertThat(coded.getText()).isEqualTo("Positive");
        assertThat(coded.getCodingFirstRep().getSystem()).isEqualTo("http://snomed.info/sct");
        assertThat(coded.getCodingFirstRep().getCode()).isEqualTo("10828004");
        assertThat(ObservationMapper.toFhir(onePlus, ResultType.CODED).getValueCodeableConcept().getText())
                .isEqualTo("1+");
        Observation text = ObservationMapper.toFhir(comment, ResultType.TEXT);
        assertThat(text.getValueStringType().getValue()).isEqualTo("Few target cells seen");
        assertThat(text.hasInterpretation()).isFalse();
    }

    @Test
    void pendingResultsAreNotExposed() {
        assertThat(ObservationMapper.exposed(Fixtures.result(1, 51, "K", ResultStatus.PENDING))).isFalse();
        assertThat(ObservationMapper.exposed(Fixtures.result(1, 51, "K", ResultStatus.PRELIMINARY))).isTrue();
    }
}
