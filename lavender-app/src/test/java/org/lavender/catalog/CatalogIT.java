package org.lavender.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.shared.Interpretation;
import org.lavender.shared.Sex;
import org.springframework.beans.factory.annotation.Autowired;

@LavenderIT
class CatalogIT {

    private static final long ADULT_40Y = 40 * 365;
    private static final long CHILD_12Y = 12 * 365;

    @Autowired Catalog catalog;

    @Test
    void starterMenuHasSixtyTestsAllWithValidLoincAndSections() {
        List<TestDefinition> all = catalog.sections().stream()
                .flatMap(s -> catalog.testsInSection(s.code()).stream()).toList();
        assertThat(all).hasSizeGreaterThanOrEqualTo(60);
        assertThat(all).allSatisfy(t -> assertThat(LoincCode.isValid(t.loinc())).as(t.code()).isTrue());
        assertThat(catalog.sections()).extracting(Section::code)
                .containsExactly("CHEM", "HEME", "COAG", "UA", "MICRO", "IMMUNO");
        assertThat(catalog.test("2823-3")).get().extracting(TestDefinition::code).isEqualTo("K");
        assertThat(catalog.test("k")).get().extracting(TestDefinition::unit).isEqualTo("mmol/L");
    }

    @Test
    void containersComeInClsiOrderOfDraw() {
        assertThat(catalog.containers()).extracting(ContainerType::code)
                .startsWith("BCB", "LBLU", "RED", "GOLD", "LGRN", "LAV", "RBLU", "GREY");
        assertThat(catalog.container("LBLU")).get().satisfies(c -> {
            assertThat(c.drawVolumeMl()).isEqualByComparingTo("2.7");
            assertThat(c.additive()).contains("3.2%");
        });
    }

    @Test
    void eightPanelsExpandIntoTheirTestsInOrder() {
        assertThat(catalog.panels()).extracting(Orderable::code)
                .contains("BMP", "CMP", "CBC", "LIPID", "COAG", "HEPATIC", "RENAL", "UA");
        assertThat(catalog.orderable("51990-0")).get().satisfies(bmp -> {
            assertThat(bmp.panel()).isTrue();
            assertThat(bmp.tests()).extracting(TestDefinition::code)
                    .containsExactly("GLU", "BUN", "CREA", "NA", "K", "CL", "CO2", "CA");
        });
        assertThat(catalog.orderable("CMP")).get().extracting(o -> o.tests().size()).isEqualTo(14);
        assertThat(catalog.orderable("57021-8")).get().extracting(o -> o.tests().size()).isEqualTo(20);
        assertThat(catalog.orderable("LIPID")).get().extracting(Orderable::loinc).isEqualTo("24331-1");
        assertThat(catalog.orderable("COAG").orElseThrow().tests()).extracting(TestDefinition::code)
                .containsExactly("PT", "INR", "APTT", "FIB");
        assertThat(catalog.orderable("24325-3").orElseThrow().tests()).hasSize(7);
        assertThat(catalog.orderable("24362-6").orElseThrow().tests()).hasSize(10);
        Orderable ua = catalog.orderable("24357-6").orElseThrow();
        assertThat(ua.tests()).hasSize(12);
        assertThat(ua.tests()).filteredOn(t -> t.code().equals("UPROT")).singleElement().satisfies(t -> {
            assertThat(t.resultType()).isEqualTo(ResultType.CODED);
            assertThat(t.answers()).containsExactly("negative", "trace", "1+", "2+", "3+", "4+");
            assertThat(t.abnormalAnswers()).doesNotContain("negative");
        });
        assertThat(catalog.test("USG")).get().extracting(TestDefinition::resultType).isEqualTo(ResultType.NUMERIC);
    }

    @Test
    void singleTestsAreOrderableButCalculatedOnesAreNot() {
        assertThat(catalog.orderable("K")).get().satisfies(o -> {
            assertThat(o.panel()).isFalse();
            assertThat(o.tests()).extracting(TestDefinition::code).containsExactly("K");
        });
        assertThat(catalog.test("AGAP")).isPresent();
        assertThat(catalog.orderable("AGAP")).isEmpty();
        assertThat(catalog.searchOrderables("potass", 10)).extracting(Orderable::code).containsExactly("K");
        assertThat(catalog.searchOrderables("panel", 20)).allMatch(Orderable::panel);
        assertThat(catalog.searchOrderables("", 5)).hasSize(5).allMatch(Orderable::panel);
    }

    @Test
    void intervalsBySexAndAge() {
        ReferenceInterval kAdult = catalog.interval("K", Sex.MALE, ADULT_40Y).orElseThrow();
        ReferenceInterval kChild = catalog.interval("K", Sex.FEMALE, CHILD_12Y).orElseThrow();
        assertThat(kAdult.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.HH);
        assertThat(kChild.flag(new BigDecimal("6.3"))).isEqualTo(Interpretation.H);
        assertThat(kChild.flag(new BigDecimal("2.9"))).isEqualTo(Interpretation.LL);
        assertThat(kAdult.flag(new BigDecimal("2.9"))).isEqualTo(Interpretation.L);

        assertThat(catalog.interval("HGB", Sex.MALE, ADULT_40Y).orElseThrow().text()).isEqualTo("13.5–17.5");
        assertThat(catalog.interval("HGB", Sex.FEMALE, ADULT_40Y).orElseThrow().text()).isEqualTo("12–15.5");
        assertThat(catalog.interval("HGB", Sex.UNKNOWN, ADULT_40Y).orElseThrow().criticalLow())
                .isEqualByComparingTo("7.0");
        assertThat(catalog.interval("CREA", Sex.FEMALE, ADULT_40Y).orElseThrow().high())
                .isEqualByComparingTo("1.04");

        ReferenceInterval chloride = catalog.interval("CL", Sex.MALE, ADULT_40Y).orElseThrow();
        assertThat(chloride.flag(new BigDecimal("75"))).isEqualTo(Interpretation.LL);
        assertThat(chloride.flag(new BigDecimal("121"))).isEqualTo(Interpretation.HH);
        assertThat(catalog.interval("LACT", Sex.FEMALE, ADULT_40Y).orElseThrow().flag(new BigDecimal("3.5")))
                .isEqualTo(Interpretation.HH);

        ReferenceInterval neonateGlucose = catalog.interval("GLU", Sex.MALE, 3).orElseThrow();
        assertThat(neonateGlucose.flag(new BigDecimal("39"))).isEqualTo(Interpretation.LL);
        assertThat(neonateGlucose.flag(new BigDecimal("45"))).isEqualTo(Interpretation.N);
        assertThat(catalog.interval("GLU", Sex.MALE, ADULT_40Y).orElseThrow().flag(new BigDecimal("45")))
                .isEqualTo(Interpretation.LL);

        assertThat(catalog.interval("ALP", Sex.MALE, CHILD_12Y)).isEmpty();
        ReferenceInterval k = catalog.interval("K", Sex.MALE, ADULT_40Y).orElseThrow();
        assertThat(catalog.intervalById(k.id())).contains(k);
    }
}
