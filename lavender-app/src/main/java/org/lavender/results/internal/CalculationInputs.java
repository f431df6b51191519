package org.lavender.results.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.lavender.shared.Sex;

/**
 * What a calculator may use: the specimen's measured values by analyte LOINC (as reported, with their unit), the
 * patient's sex and age in whole years at collection, and for the INR the thromboplastin lot in effect for the
 * analyzer that measured the prothrombin time (null when none is configured).
 */
record CalculationInputs(Map<String, Measurement> values, Sex sex, int ageYears, Thromboplastin thromboplastin) {

    CalculationInputs(Map<String, Measurement> values, Sex sex, int ageYears) {
        this(values, sex, ageYears, null);
    }

    /**
     * A thromboplastin reagent lot as used on one analyzer (or any, when {@code analyzer} is null): its International
     * Sensitivity Index and the lab's mean normal prothrombin time (geometric mean of at least 20 normal donors).
     */
    record Thromboplastin(long id, String lot, String analyzer, BigDecimal isi, BigDecimal mnptSeconds) {

        String text() {
            return "thromboplastin lot " + lot + (analyzer == null ? "" : " on " + analyzer) + ": ISI "
                    + isi.stripTrailingZeros().toPlainString() + ", MNPT "
                    + mnptSeconds.stripTrailingZeros().toPlainString() + " s";
        }
    }

    /** A reported number with its UCUM unit; {@code comparator} is set for "<0.2"-style values. */
    record Measurement(BigDecimal value, String unit, String comparator) {

        Measurement(BigDecimal value, String unit) {
            this(value, unit, null);
        }
    }

    Optional<Measurement> get(String loinc) {
        return Optional.ofNullable(values.get(loinc));
    }

    /** The value of an analyte in the unit the formula expects (SI inputs converted, see {@link AnalyteUnits}). */
    double in(String loinc, String unit) {
        Measurement m = values.get(loinc);
        if (m == null) {
            throw new IllegalStateException("Input " + loinc + " missing");
        }
        return AnalyteUnits.convert(loinc, m.value(), m.unit(), unit).doubleValue();
    }

    BigDecimal exact(String loinc, String unit) {
        Measurement m = values.get(loinc);
        if (m == null) {
            throw new IllegalStateException("Input " + loinc + " missing");
        }
        return AnalyteUnits.convert(loinc, m.value(), m.unit(), unit);
    }
}
