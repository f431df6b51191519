package org.lavender.equipment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lavender.shared.InvalidInputException;

class ReagentRulesTests {

    private static final ZoneId LAB = ZoneId.of("Europe/Berlin");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);

    @Test
    void onBoardStabilityEndsAtTheEarlierOfItsDaysAndTheLotsExpiryDay() {
        Instant opened = Instant.parse("2026-11-25T07:00:00Z");
        assertThat(ReagentInUse.stableUntil(opened, 28, LocalDate.of(2027, 6, 30), LAB))
                .isEqualTo(Instant.parse("2026-12-23T07:00:00Z"));
        // The lot expires first: usable through the end of its expiry day in the lab's zone (23:00 UTC in Berlin).
        assertThat(ReagentInUse.stableUntil(opened, 28, LocalDate.of(2026, 12, 1), LAB))
                .isEqualTo(Instant.parse("2026-12-01T23:00:00Z"));
        assertThat(ReagentInUse.stableUntil(opened, null, LocalDate.of(2026, 12, 1), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void aLoadedUnitIsUsableUpToButNotAtItsStabilityEnd() {
        Instant until = Instant.parse("2026-12-23T07:00:00Z");
        ReagentInUse unit = new ReagentInUse(1, 1, 1, "K", "L1", LocalDate.of(2027, 1, 1), 1, "A",
                Instant.parse("2026-11-25T07:00:00Z"), "tech", until, 10, null, null);
        assertThat(unit.usableAt(until.minusSeconds(1))).isTrue();
        assertThat(unit.usableAt(until)).isFalse();
        assertThat(unit.loaded()).isTrue();
    }

    @Test
    void stockCountsUnopenedUnitsAndTestsOnBoardAndReordersAtThePoint() {
        StockLevel above = StockLevel.of(1, "K reagent", "kit", 100, 2, 1, 2);
        assertThat(above.testsOnHand()).isEqualTo(201);
        assertThat(above.unitsOnHand()).isEqualByComparingTo("2.0");
        assertThat(above.needsReorder()).isFalse();
        StockLevel at = StockLevel.of(1, "K reagent", "kit", 100, 2, 0, 2);
        assertThat(at.needsReorder()).as("at the reorder point").isTrue();
        StockLevel below = StockLevel.of(1, "K reagent", "kit", 100, 1, 99, 2);
        assertThat(below.unitsOnHand()).isEqualByComparingTo("1.9");
        assertThat(below.needsReorder()).isTrue();
        assertThat(StockLevel.of(1, "x", "kit", 10, 0, 0, 0).needsReorder()).as("reorder point 0, nothing left")
                .isTrue();
        assertThat(StockLevel.of(1, "x", "kit", 10, 0, 1, 0).needsReorder()).isFalse();
    }

    @Test
    void lotsWarnThirtyDaysBeforeExpiryAndExpireAfterTheirDay() {
        ReagentLot lot = new ReagentLot(1, 1, "K", "L1", LocalDate.of(2026, 12, 25), null, 5, 5, Instant.EPOCH, "t");
        assertThat(lot.expiringOn(LocalDate.of(2026, 11, 24))).isFalse();
        assertThat(lot.expiringOn(LocalDate.of(2026, 11, 25))).isTrue();
        assertThat(lot.expiredOn(LocalDate.of(2026, 12, 25))).isFalse();
        assertThat(lot.expiredOn(LocalDate.of(2026, 12, 26))).isTrue();
    }

    @Test
    void aReceiptIsCleanedUpAndExpiryTodayIsAccepted() {
        LotReceipt r = new LotReceipt(1, "  AB-123/4 ", TODAY, 3, "  Fridge 2  ").validated(TODAY);
        assertThat(r.lotNumber()).isEqualTo("AB-123/4");
        assertThat(r.storage()).isEqualTo("Fridge 2");
        assertThat(new LotReceipt(1, "X1", TODAY.plusYears(1), 1, " ").validated(TODAY).storage()).isNull();
    }

    @Test
    void badDeliveriesAreRefusedWithTheReason() {
        assertRefused(new LotReceipt(1, "L1", TODAY.minusDays(1), 3, null), "expiresOn",
                "Lot L1 expired on 2026-11-24; an expired lot is not received into stock");
        assertRefused(new LotReceipt(1, "L1", TODAY, -2, null), "units",
                "The number of units received is 1 to 10000, not -2");
        assertRefused(new LotReceipt(1, "L1", TODAY, 0, null), "units", "The number of units received is 1 to 10000, not 0");
        assertRefused(new LotReceipt(1, "L1", TODAY, null, null), "units", "Enter how many units arrived");
        assertRefused(new LotReceipt(1, "L1", null, 3, null), "expiresOn", "Enter the expiry date of lot L1");
        assertRefused(new LotReceipt(1, " ", TODAY, 3, null), "lotNumber", "Enter the lot number printed on the box");
        assertRefused(new LotReceipt(1, "L1'; drop table x;--", TODAY, 3, null), "lotNumber",
                "A lot number has at most 60 letters, digits, spaces, dots, dashes or slashes");
        assertRefused(new LotReceipt(1, "L".repeat(61), TODAY, 3, null), "lotNumber",
                "A lot number has at most 60 letters, digits, spaces, dots, dashes or slashes");
        assertRefused(new LotReceipt(1, "L1", TODAY, 3, "x".repeat(101)), "storage",
                "Describe the storage place in at most 100 characters");
    }

    private static void assertRefused(LotReceipt receipt, String field, String message) {
        assertThatThrownBy(() -> receipt.validated(TODAY)).isInstanceOf(InvalidInputException.class)
                .hasMessage(message).extracting(e -> ((InvalidInputException) e).field()).isEqualTo(field);
    }
}
