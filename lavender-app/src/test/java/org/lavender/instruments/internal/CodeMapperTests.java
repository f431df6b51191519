package org.lavender.instruments.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.instruments.CodeMapping;

class CodeMapperTests {

    private static final TestDefinition POTASSIUM = new TestDefinition(1, "K", "2823-3", "Potassium", "CHEM",
            ResultType.NUMERIC, "mmol/L", 1, "serum", "GOLD", List.of(), List.of(), true);
    private static final TestDefinition CREATININE = new TestDefinition(2, "CREA", "2160-0", "Creatinine", "CHEM",
            ResultType.NUMERIC, "mg/dL", 2, "serum", "GOLD", List.of(), List.of(), true);
    private static final Map<String, TestDefinition> CATALOG = Map.of("K", POTASSIUM, "2823-3", POTASSIUM,
            "CREA", CREATININE, "2160-0", CREATININE);
    private static final Function<String, Optional<TestDefinition>> LOOKUP = c -> Optional.ofNullable(CATALOG.get(c));

    private static Observation obs(String code, String value, String unit) {
        return new Observation(1, "260115-000427", false, code, value, unit, List.of("H"), Instant.EPOCH);
    }

    @Test
    void loincCodedAnalyzerMapsACatalogLoincWithoutARow() {
        var outcome = CodeMapper.map(obs("2823-3", "5,8", "mmol/L"), "Generic", Optional.empty(), true, LOOKUP);

        assertThat(outcome).isEqualTo(new CodeMapper.Mapped(POTASSIUM, "5.8", "mmol/L"));
    }

    @Test
    void aLabCodeIsNotTakenForALoincCode() {
        var outcome = CodeMapper.map(obs("K", "5.8", "mmol/L"), "Generic", Optional.empty(), true, LOOKUP);

        assertThat(outcome).isInstanceOfSatisfying(CodeMapper.Refused.class, r ->
                assertThat(r.reason()).isEqualTo("code 'K' is not in the code map of Generic nor the LOINC code"
                        + " of a catalog test"));
    }

    @Test
    void unmappedCodeIsRefusedWithTheAnalyzerName() {
        var outcome = CodeMapper.map(obs("KPLUS", "4", ""), "Cobas", Optional.empty(), false, LOOKUP);

        assertThat(outcome).isEqualTo(new CodeMapper.Refused(null, "code 'KPLUS' is not in the code map of Cobas"));
    }

    // Creatinine 88.4 umol/L x 0.01131 = 0.9998 -> 1.00 mg/dL at the test's 2 decimals.
    @Test
    void factorConvertsIntoTheCatalogUnitAndKeepsTheComparator() {
        var mapping = Optional.of(new CodeMapping("CREA-SI", "CREA", "umol/L", new BigDecimal("0.01131")));

        assertThat(CodeMapper.map(obs("CREA-SI", "88.4", "umol/L"), "A", mapping, false, LOOKUP))
                .isEqualTo(new CodeMapper.Mapped(CREATININE, "1.00", "mg/dL"));
        assertThat(CodeMapper.map(obs("CREA-SI", "<10", "umol/L"), "A", mapping, false, LOOKUP))
                .isEqualTo(new CodeMapper.Mapped(CREATININE, "<0.11", "mg/dL"));
        assertThat(CodeMapper.map(obs("CREA-SI", "lipemic", "umol/L"), "A", mapping, false, LOOKUP))
                .isInstanceOf(CodeMapper.Refused.class);
    }

    @Test
    void aUnitOtherThanTheMappedOneIsRefused() {
        var mapping = Optional.of(new CodeMapping("CREA-SI", "CREA", "umol/L", new BigDecimal("0.01131")));

        var outcome = CodeMapper.map(obs("CREA-SI", "1.0", "mg/dL"), "A", mapping, false, LOOKUP);

        assertThat(outcome).isEqualTo(new CodeMapper.Refused("CREA", "unit 'mg/dL' differs from the expected 'umol/L'"
                + " for Creatinine"));
        assertThat(CodeMapper.map(obs("2823-3", "4.0", "mg/dL"), "A", Optional.empty(), true, LOOKUP))
                .isInstanceOf(CodeMapper.Refused.class);
    }

    @Test
    void informationalCodesAreIgnoredAndEmptyValuesRefused() {
        assertThat(CodeMapper.map(obs("02001", "O", ""), "Dymind", Optional.of(new CodeMapping("02001", null, null,
                null)), false, LOOKUP)).isInstanceOf(CodeMapper.Ignored.class);
        assertThat(CodeMapper.map(obs("2823-3", "", "mmol/L"), "A", Optional.empty(), true, LOOKUP))
                .isEqualTo(new CodeMapper.Refused("K", "no value sent for Potassium"));
    }

    @Test
    void aMappingToATestThatLeftTheCatalogIsRefused() {
        var outcome = CodeMapper.map(obs("X", "1", ""), "A", Optional.of(new CodeMapping("X", "GONE", null, null)),
                false, LOOKUP);

        assertThat(outcome).isEqualTo(new CodeMapper.Refused("GONE", "mapped to test GONE, which is not in the catalog"));
    }
}
