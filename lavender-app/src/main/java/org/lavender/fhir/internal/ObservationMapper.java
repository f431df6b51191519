package org.lavender.fhir.internal;

import java.math.BigDecimal;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationReferenceRangeComponent;
import org.hl7.fhir.r4.model.Observation.ObservationStatus;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Quantity.QuantityComparator;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.lavender.catalog.ResultType;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;

/**
 * One result → FHIR Observation. A PENDING result (tube received, nothing measured yet) is not an Observation:
 * the work in progress shows as an active ServiceRequest and a registered/partial DiagnosticReport instead.
 * {@code status} is the result's life cycle ({@code preliminary} = waiting for verification, {@code final} =
 * released, {@code corrected} = amended after release); {@code effectiveDateTime} is the collection time, which is
 * what delta checks and specimen age use; {@code issued} is the release (verification) time, or for a preliminary
 * value the time it was entered.
 */
final class ObservationMapper {

    /** SNOMED CT codes of the qualitative answers every lab uses, so an EHR can act on them without text matching. */
    private static final Map<String, String[]> QUALITATIVE = Map.of(
            "positive", new String[] {"10828004", "Positive"},
            "negative", new String[] {"260385009", "Negative"},
            "detected", new String[] {"260373001", "Detected"},
            "not detected", new String[] {"260415000", "Not detected"},
            "trace", new String[] {"260405006", "Trace"},
            "reactive", new String[] {"11214006", "Reactive"},
            "non-reactive", new String[] {"131194007", "Non-Reactive"},
            "indeterminate", new String[] {"82334004", "Indeterminate"});

    private ObservationMapper() {
    }

    static boolean exposed(LabResult result) {
        return result.status() != ResultStatus.PENDING;
    }

    /** @param resultType the catalog's result type of the test, or null when only the value itself is known */
    static Observation toFhir(LabResult result, ResultType resultType) {
        var resource = new Observation();
        resource.setIdElement(new IdType("Observation", String.valueOf(result.id()),
                String.valueOf(result.version())));
        resource.getMeta().setVersionId(String.valueOf(result.version()));
        resource.setStatus(ObservationStatus.fromCode(result.status().fhir()));
        resource.addCategory().addCoding().setSystem(FhirSystems.OBSERVATION_CATEGORY).setCode("laboratory")
                .setDisplay("Laboratory");
        if (result.loinc() != null) {
            resource.getCode().addCoding().setSystem(FhirSystems.LOINC).setCode(result.loinc())
                    .setDisplay(result.testName());
        }
        resource.getCode().addCoding().setSystem(FhirSystems.TEST_CODE).setCode(result.testCode())
                .setDisplay(result.testName());
        resource.getCode().setText(result.testName());
        resource.setSubject(new Reference("Patient/" + result.patientId()));
        resource.setSpecimen(new Reference("Specimen/" + result.specimenId()).setDisplay(result.accession()));
        resource.addBasedOn(new Reference("ServiceRequest/" + result.orderItemId()));
        if (result.collectedAt() != null) {
            resource.setEffective(new DateTimeType(Date.from(result.collectedAt())));
        }
        if (result.verifiedAt() != null) {
            resource.setIssued(Date.from(result.verifiedAt()));
        } else if (result.resultedAt() != null) {
            resource.setIssued(Date.from(result.resultedAt()));
        }
        value(resource, result, resultType);
        if (result.interpretation() != null) {
            Interpretation flag = result.interpretation();
            resource.addInterpretation().addCoding().setSystem(Interpretation.SYSTEM).setCode(flag.name())
                    .setDisplay(flag.display());
        }
        referenceRange(resource, result);
        if (result.comment() != null && !result.comment().isBlank()) {
            resource.addNote().setText(result.comment());
        }
        return resource;
    }

    private static void value(Observation resource, LabResult result, ResultType resultType) {
        if (result.numericValue() != null) {
            Quantity quantity = quantity(result.numericValue(), result.unit());
            QuantityComparator comparator = comparator(result.comparator());
            if (comparator != null) {
                quantity.setComparator(comparator);
            }
            resource.setValue(quantity);
            return;
        }
        String text = result.valueText() == null ? null : result.valueText().trim();
        if (text == null || text.isEmpty()) {
            if (result.status() == ResultStatus.CANCELLED) {
                resource.getDataAbsentReason().addCoding().setSystem(FhirSystems.DATA_ABSENT_REASON)
                        .setCode("not-performed").setDisplay("Not Performed");
            }
            return;
        }
        String[] snomed = QUALITATIVE.get(text.toLowerCase(Locale.ROOT));
        if (snomed != null || resultType == ResultType.CODED) {
            var concept = new CodeableConcept().setText(text);
            if (snomed != null) {
                concept.addCoding().setSystem(FhirSystems.SNOMED).setCode(snomed[0]).setDisplay(snomed[1]);
            }
            resource.setValue(concept);
        } else {
            resource.setValue(new StringType(text));
        }
    }

    private static Quantity quantity(BigDecimal value, String unit) {
        var quantity = new Quantity().setValue(value);
        if (unit != null && !unit.isBlank()) {
            quantity.setUnit(unit).setSystem(FhirSystems.UCUM).setCode(unit);
        }
        return quantity;
    }

    static QuantityComparator comparator(String comparator) {
        if (comparator == null || comparator.isBlank()) {
            return null;
        }
        return switch (comparator.trim()) {
            case "<" -> QuantityComparator.LESS_THAN;
            case "<=", "≤" -> QuantityComparator.LESS_OR_EQUAL;
            case ">" -> QuantityComparator.GREATER_THAN;
            case ">=", "≥" -> QuantityComparator.GREATER_OR_EQUAL;
            default -> throw new IllegalArgumentException("Unknown result comparator '" + comparator + "'");
        };
    }

    private static void referenceRange(Observation resource, LabResult result) {
        boolean limits = result.referenceLow() != null || result.referenceHigh() != null;
        boolean text = result.referenceText() != null && !result.referenceText().isBlank();
        if (!limits && !text) {
            return;
        }
        ObservationReferenceRangeComponent range = resource.addReferenceRange();
        if (result.referenceLow() != null) {
            Quantity low = quantity(result.referenceLow(), result.unit());
            range.getLow().setValue(low.getValue()).setUnit(low.getUnit()).setSystem(low.getSystem())
                    .setCode(low.getCode());
        }
        if (result.referenceHigh() != null) {
            Quantity high = quantity(result.referenceHigh(), result.unit());
            range.getHigh().setValue(high.getValue()).setUnit(high.getUnit()).setSystem(high.getSystem())
                    .setCode(high.getCode());
        }
        if (text) {
            range.setText(result.referenceText());
        }
    }
}
