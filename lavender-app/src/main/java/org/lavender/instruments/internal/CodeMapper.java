package org.lavender.instruments.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;
import java.util.function.Function;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.CodeMapping;
import org.lavender.protocols.astm.ResultValue;

/**
 * Turns an instrument's code, value and unit into a catalog test and a value in the catalog unit. A unit that
 * differs from the one mapped (or, for LOINC-coded analyzers, from the catalog's) is refused: filing a value in
 * the wrong unit is a wrong result (CLSI AUTO03/LIS2: the interface must verify units, not assume them).
 */
final class CodeMapper {

    /** What became of one code. */
    sealed interface Outcome {
    }

    record Mapped(TestDefinition test, String valueText, String unit) implements Outcome {
    }

    record Ignored() implements Outcome {
    }

    record Refused(String testCode, String reason) implements Outcome {
    }

    private CodeMapper() {
    }

    static Outcome map(Observation o, String analyzerName, Optional<CodeMapping> mapping, boolean loincCodes,
                       Function<String, Optional<TestDefinition>> catalog) {
        if (mapping.isPresent() && mapping.get().ignored()) {
            return new Ignored();
        }
        TestDefinition test;
        String mappedUnit;
        BigDecimal factor = null;
        if (mapping.isPresent()) {
            CodeMapping m = mapping.get();
            Optional<TestDefinition> found = catalog.apply(m.testCode());
            if (found.isEmpty()) {
                return new Refused(m.testCode(), "mapped to test " + m.testCode() + ", which is not in the catalog");
            }
            test = found.get();
            mappedUnit = blankToNull(m.unit()) != null ? m.unit() : test.unit();
            factor = m.factor();
        } else if (loincCodes && !o.instrumentCode().isEmpty()) {
            Optional<TestDefinition> found = catalog.apply(o.instrumentCode())
                    .filter(t -> o.instrumentCode().equals(t.loinc()));
            if (found.isEmpty()) {
                return new Refused(null, "code '" + o.instrumentCode() + "' is not in the code map of " + analyzerName
                        + " nor the LOINC code of a catalog test");
            }
            test = found.get();
            mappedUnit = test.unit();
        } else {
            return new Refused(null, "code '" + o.instrumentCode() + "' is not in the code map of " + analyzerName);
        }
        if (!o.unit().isEmpty() && mappedUnit != null && !mappedUnit.isBlank()
                && !o.unit().equalsIgnoreCase(mappedUnit.strip())) {
            return new Refused(test.code(), "unit '" + o.unit() + "' differs from the expected '" + mappedUnit
                    + "' for " + test.name());
        }
        if (o.valueText().isEmpty()) {
            return new Refused(test.code(), "no value sent for " + test.name());
        }
        return convert(o.valueText(), factor, test);
    }

    /** Numbers are normalised (decimal comma to point) and, with a factor, converted into the catalog unit. */
    private static Outcome convert(String text, BigDecimal factor, TestDefinition test) {
        ResultValue value = ResultValue.parse(text);
        if (value.number().isEmpty()) {
            if (factor != null) {
                return new Refused(test.code(), "'" + text + "' is not a number and cannot be converted with factor "
                        + factor.toPlainString());
            }
            return new Mapped(test, text, test.unit());
        }
        BigDecimal number = value.number().get();
        if (factor != null) {
            number = number.multiply(factor);
            if (test.decimals() != null) {
                number = number.setScale(test.decimals(), RoundingMode.HALF_UP);
            }
        }
        String comparator = value.comparator().map(ResultValue.Comparator::symbol).orElse("");
        return new Mapped(test, comparator + number.toPlainString(), test.unit());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
