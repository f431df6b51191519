package org.lavender.equipment.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.CalibrationResult;
import org.lavender.shared.InvalidInputException;

class FormsTests {

    @Test
    void choicesAcceptTheirNamesAndRefuseAnythingElse() {
        assertThat(Forms.choice(AssetKind.class, " water bath ", "kind", "equipment kind"))
                .isEqualTo(AssetKind.WATER_BATH);
        assertThatThrownBy(() -> Forms.choice(CalibrationResult.class, "MAYBE", "result", "calibration result"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'MAYBE' is not a valid calibration result (one of [PASS, FAIL])");
        assertThatThrownBy(() -> Forms.choice(CalibrationResult.class, null, "result", "calibration result"))
                .hasMessage("Choose the calibration result");
    }

    @Test
    void numbersDatesAndTimesAreParsedStrictly() {
        assertThat(Forms.decimal(" 2,5 ", "min", "Lowest")).isEqualByComparingTo("2.5");
        assertThat(Forms.decimal("", "min", "Lowest")).isNull();
        assertThatThrownBy(() -> Forms.decimal("1e9", "min", "Lowest")).hasMessage("Lowest: '1e9' is not a number");
        assertThatThrownBy(() -> Forms.integer("99999999999", "every", "Every"))
                .hasMessage("Every: '99999999999' is not a whole number");
        assertThatThrownBy(() -> Forms.date("2026-02-30", "expiresOn", "Expiry"))
                .hasMessage("Expiry: '2026-02-30' is not a date (YYYY-MM-DD)");
        assertThat(Forms.instant("2026-11-25T08:00", "readAt", "Read at", ZoneId.of("Europe/Berlin")))
                .isEqualTo(Instant.parse("2026-11-25T07:00:00Z"));
        assertThatThrownBy(() -> Forms.instant("yesterday", "readAt", "Read at", ZoneId.of("UTC")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Forms.id("", "assetId", "Analyzer")).hasMessage("Choose the analyzer");
        assertThatThrownBy(() -> Forms.id("abc", "assetId", "Analyzer")).hasMessage("Analyzer: 'abc' is not a number");
    }

    @Test
    void aHalfGivenTemperatureRangeIsRefused() {
        Forms.AssetForm form = new Forms.AssetForm("EQ-1", "Fridge", "REFRIGERATOR", null, null, "SN", null, null,
                "2", "", true, 0);
        assertThatThrownBy(form::settings).isInstanceOf(InvalidInputException.class).hasMessageContaining("both");
        assertThat(Forms.lines("clean probe\r\n\n  check waste  \n")).containsExactly("clean probe", "check waste");
    }

    @Test
    void keysetCursorsMustBeNumbers() {
        assertThat(Rows.cursor(null)).isNull();
        assertThat(Rows.cursor("42")).isEqualTo(42L);
        assertThatThrownBy(() -> Rows.cursor("42 or 1=1")).isInstanceOf(InvalidInputException.class);
    }
}
