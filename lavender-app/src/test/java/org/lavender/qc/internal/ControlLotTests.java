package org.lavender.qc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.lavender.qc.ControlLot;

/** A control lot refuses values measured after its expiry or after its open vial's stability. */
class ControlLotTests {

    private static final LocalDate EXPIRES = LocalDate.of(2027, 3, 31);

    @Test
    void usableUpToAndIncludingItsExpiryDate() {
        ControlLot lot = new ControlLot(1, "26431", "Liquichek", "Bio-Rad", "1", EXPIRES, null, null, 0);
        assertThat(lot.refusalOn(EXPIRES)).isNull();
        assertThat(lot.refusalOn(EXPIRES.plusDays(1))).isEqualTo("control lot 26431 expired on 2027-03-31");
    }

    @Test
    void anOpenVialIsStableForItsDaysCountingTheDayItWasOpened() {
        LocalDate opened = LocalDate.of(2026, 11, 10);
        ControlLot lot = new ControlLot(1, "26431", "Liquichek", null, "1", EXPIRES, 7, opened, 0);
        assertThat(lot.refusalOn(opened)).isNull();
        assertThat(lot.refusalOn(opened.plusDays(6))).isNull();
        assertThat(lot.refusalOn(opened.plusDays(7))).contains("past its 7-day open-vial stability")
                .contains("last day 2026-11-16").endsWith("open a new vial");
        // Values from before this vial was opened came from an earlier vial: not judged by its stability.
        assertThat(lot.refusalOn(opened.minusDays(30))).isNull();
    }

    @Test
    void unitsAreTheSameWhenTheyConvertOneToOne() {
        assertThat(QcService.sameUnit("mmol/L", "mmol/L")).isTrue();
        assertThat(QcService.sameUnit("mmol/l", "mmol/L")).isTrue();
        assertThat(QcService.sameUnit("mg/dL", "mmol/L")).isFalse();
        assertThat(QcService.sameUnit("umol/L", "mmol/L")).isFalse();
        assertThat(QcService.sameUnit("not a unit", "mmol/L")).isFalse();
    }
}
