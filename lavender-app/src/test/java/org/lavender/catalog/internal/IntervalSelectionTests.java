package org.lavender.catalog.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.shared.Sex;

class IntervalSelectionTests {

    private static final Instant T0 = Instant.parse("2000-01-01T00:00:00Z");
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final int SIXTEEN_YEARS = 5844;

    private final IntervalBand potassiumAll = band(1, "A", 0, null, T0, null);
    private final IntervalBand potassiumChild = band(2, "A", 0, SIXTEEN_YEARS, T0, null);
    private final IntervalBand hgbMale = band(3, "M", 0, null, T0, null);
    private final IntervalBand hgbAny = band(4, "A", 0, null, T0, null);

    @Test
    void theNarrowerAgeBandWins() {
        List<IntervalBand> bands = List.of(potassiumAll, potassiumChild);
        assertThat(choose(bands, Sex.MALE, 12 * 365)).isEqualTo(2);
        assertThat(choose(bands, Sex.MALE, SIXTEEN_YEARS - 1)).isEqualTo(2);
        // age_to is exclusive: on the 16th birthday the adult band applies.
        assertThat(choose(bands, Sex.MALE, SIXTEEN_YEARS)).isEqualTo(1);
        assertThat(choose(bands, Sex.FEMALE, 40 * 365)).isEqualTo(1);
    }

    @Test
    void anExactSexBandBeatsAnyAndUnknownSexFallsBackToAny() {
        List<IntervalBand> bands = List.of(hgbAny, hgbMale);
        assertThat(choose(bands, Sex.MALE, 40 * 365)).isEqualTo(3);
        assertThat(choose(bands, Sex.FEMALE, 40 * 365)).isEqualTo(4);
        assertThat(choose(bands, Sex.UNKNOWN, 40 * 365)).isEqualTo(4);
        assertThat(choose(bands, Sex.OTHER, 40 * 365)).isEqualTo(4);
        assertThat(IntervalSelection.choose(List.of(hgbMale), "F", 40 * 365, NOW, null)).isEmpty();
    }

    @Test
    void onlyTheVersionInEffectAtTheTimeCounts() {
        Instant change = Instant.parse("2026-03-01T08:00:00Z");
        IntervalBand old = band(5, "A", 0, null, T0, change);
        IntervalBand successor = band(6, "A", 0, null, change, null);
        List<IntervalBand> bands = List.of(old, successor);
        assertThat(IntervalSelection.choose(bands, "M", 100, change.minusSeconds(1), null)).get()
                .extracting(IntervalBand::id).isEqualTo(5L);
        // effective_to is exclusive, effective_from inclusive: at the change the successor applies.
        assertThat(IntervalSelection.choose(bands, "M", 100, change, null)).get().extracting(IntervalBand::id).isEqualTo(6L);
        assertThat(IntervalSelection.choose(bands, "M", 100, T0.minusSeconds(1), null)).isEmpty();
    }

    @Test
    void bandsOfOneSexMustBeSeparateOrNested() {
        assertThat(potassiumAll.clashesWith("A", 0, SIXTEEN_YEARS, null)).isFalse();
        assertThat(potassiumChild.clashesWith("A", SIXTEEN_YEARS, null, null)).isFalse();
        assertThat(potassiumAll.clashesWith("M", 0, null, null)).isFalse();
        assertThat(potassiumAll.clashesWith("A", 0, null, null)).isTrue();
        assertThat(potassiumChild.clashesWith("A", 10 * 365, 30 * 365, null)).isTrue();
        assertThat(potassiumChild.clashesWith("A", 0, 29, null)).isFalse();
    }

    @Test
    void theBandOfTheMeasuringAnalyzersMethodWinsAndOthersFallBackToAllMethods() {
        // Creatinine: the lab's all-methods bands by sex, and the Jaffe analyzer's own adult band (any sex).
        IntervalBand allMale = band(10, null, "M", 0, null, T0, null);
        IntervalBand allFemale = band(11, null, "F", 0, null, T0, null);
        IntervalBand jaffeAdult = band(12, "Chem-Jaffe", "A", SIXTEEN_YEARS, null, T0, null);
        List<IntervalBand> bands = List.of(allMale, allFemale, jaffeAdult);

        // The analyzer's band beats even an exact sex band of all methods; its name is matched ignoring case.
        assertThat(choose(bands, Sex.MALE, 40 * 365, "Chem-Jaffe")).isEqualTo(12);
        assertThat(choose(bands, Sex.FEMALE, 40 * 365, "chem-jaffe")).isEqualTo(12);
        // A child is not covered by the Jaffe band: the all-methods band applies.
        assertThat(choose(bands, Sex.FEMALE, 8 * 365, "Chem-Jaffe")).isEqualTo(11);
        // Another analyzer, manual entry and calculations never get the Jaffe band.
        assertThat(choose(bands, Sex.MALE, 40 * 365, "Chem-Enzymatic")).isEqualTo(10);
        assertThat(choose(bands, Sex.MALE, 40 * 365, null)).isEqualTo(10);
        assertThat(IntervalSelection.choose(List.of(jaffeAdult), "M", 40 * 365, NOW, null)).isEmpty();
        assertThat(IntervalSelection.choose(List.of(jaffeAdult), "M", 40 * 365, NOW, "Chem-Jaffe 2")).isEmpty();

        // Bands of different methods never clash; within one method the age rules hold.
        assertThat(allMale.clashesWith("M", 0, null, "Chem-Jaffe")).isFalse();
        assertThat(jaffeAdult.clashesWith("A", SIXTEEN_YEARS, null, null)).isFalse();
        assertThat(jaffeAdult.clashesWith("A", SIXTEEN_YEARS, null, "CHEM-JAFFE")).isTrue();
        assertThat(jaffeAdult.clashesWith("A", 0, SIXTEEN_YEARS, "Chem-Jaffe")).isFalse();
    }

    @Test
    void anAnalyzerNameIsTrimmedAndHostileNamesAreRefused() {
        assertThat(new IntervalDraft("  Chem-Jaffe ", "A", 0, null, BigDecimal.ONE, null, null, null, false)
                .validate().analyzer()).isEqualTo("Chem-Jaffe");
        assertThat(new IntervalDraft("   ", "A", 0, null, BigDecimal.ONE, null, null, null, false).analyzer())
                .isNull();
        assertThatThrownBy(() -> new IntervalDraft("x".repeat(101), "A", 0, null, BigDecimal.ONE, null, null, null,
                false).validate()).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> new IntervalDraft("Chem\u0000Jaffe", "A", 0, null, BigDecimal.ONE, null, null, null,
                false).validate()).hasMessageContaining("control characters");
    }

    @Test
    void agesAreTypedInDaysMonthsOrYears() {
        assertThat(AgeBands.parse("ageTo", "16y")).isEqualTo(SIXTEEN_YEARS);
        assertThat(AgeBands.parse("ageTo", "29d")).isEqualTo(29);
        assertThat(AgeBands.parse("ageTo", "29")).isEqualTo(29);
        assertThat(AgeBands.parse("ageTo", "6m")).isEqualTo(183);
        assertThat(AgeBands.parse("ageTo", " ")).isNull();
        assertThat(AgeBands.label(SIXTEEN_YEARS)).isEqualTo("16 y");
        assertThat(AgeBands.label(29)).isEqualTo("29 d");
        assertThatThrownBy(() -> AgeBands.parse("ageFrom", "16 years")).hasMessageContaining("not understood");
        assertThatThrownBy(() -> AgeBands.parse("ageFrom", "200y")).hasMessageContaining("150 years");
    }

    @Test
    void draftsWithInconsistentLimitsAreRefused() {
        assertThatThrownBy(() -> draft("5.1", "3.5", null, null).validate()).hasMessageContaining("above high");
        assertThatThrownBy(() -> draft("3.5", "5.1", "3.6", null).validate())
                .hasMessageContaining("Critical low 3.6 is above the low reference limit 3.5");
        assertThatThrownBy(() -> draft("3.5", "5.1", null, "5.0").validate())
                .hasMessageContaining("below the high reference limit");
        assertThatThrownBy(() -> draft(null, null, null, null).validate()).hasMessageContaining("at least one");
        assertThatThrownBy(() -> new IntervalDraft(null, "X", 0, null, BigDecimal.ONE, null, null, null, false)
                .validate())
                .hasMessageContaining("M, F or A");
        assertThatThrownBy(() -> new IntervalDraft(null, "A", 30, 30, BigDecimal.ONE, null, null, null, false)
                .validate())
                .hasMessageContaining("must be after");
        assertThat(draft("3.5", "5.1", "2.8", "6.2").validate()).isNotNull();
    }

    private static IntervalDraft draft(String low, String high, String critLow, String critHigh) {
        return new IntervalDraft(null, "A", 0, null, dec(low), dec(high), dec(critLow), dec(critHigh), false);
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    private static long choose(List<IntervalBand> bands, Sex sex, long ageDays) {
        return choose(bands, sex, ageDays, null);
    }

    private static long choose(List<IntervalBand> bands, Sex sex, long ageDays, String analyzer) {
        return IntervalSelection.choose(bands, IntervalBand.sexCode(sex), ageDays, NOW, analyzer).orElseThrow().id();
    }

    private static IntervalBand band(long id, String sex, int from, Integer to, Instant effectiveFrom,
                                     Instant effectiveTo) {
        return band(id, null, sex, from, to, effectiveFrom, effectiveTo);
    }

    private static IntervalBand band(long id, String analyzer, String sex, int from, Integer to,
                                     Instant effectiveFrom, Instant effectiveTo) {
        return new IntervalBand(id, 7, sex, from, to, new BigDecimal("3.5"), new BigDecimal("5.1"), null, null, false,
                "mmol/L", effectiveFrom, effectiveTo, null, "system", "test", null, null, analyzer);
    }
}
