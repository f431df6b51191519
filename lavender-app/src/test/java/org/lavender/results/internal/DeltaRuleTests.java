package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.lavender.results.internal.DeltaRule.Method;
import org.lavender.results.internal.DeltaRule.Outcome;
import org.lavender.results.internal.DeltaRule.Point;

/** Clinical reference §4: starter limits and worked examples. */
class DeltaRuleTests {

    private static final Instant NOW = Instant.parse("2026-11-25T08:00:00Z");

    private static final DeltaRule CREATININE = new DeltaRule("CREA", Method.PERCENT, new BigDecimal("50"), 72);
    private static final DeltaRule POTASSIUM = new DeltaRule("K", Method.ABSOLUTE, new BigDecimal("1.0"), 24);

    @Test
    void creatinineRisingBy62Point5PercentIn30HoursFires() {
        Outcome o = CREATININE.check("creatinine", point("1.3", "mg/dL", 0), point("0.8", "mg/dL", 30));
        assertThat(o.evaluated()).isTrue();
        assertThat(o.failed()).isTrue();
        assertThat(o.text()).startsWith("delta creatinine +62.5 % in 30 h > 50 %");
    }

    @Test
    void asARateTheSameChangeIs0Point4PerDay() {
        DeltaRule rate = new DeltaRule("CREA", Method.RATE_PER_DAY, new BigDecimal("0.3"), 72);
        Outcome o = rate.check("creatinine", point("1.3", "mg/dL", 0), point("0.8", "mg/dL", 30));
        assertThat(o.failed()).isTrue();
        assertThat(o.text()).startsWith("delta creatinine +0.4 mg/dL/d in 30 h > 0.3 mg/dL/d");
    }

    @Test
    void potassiumUpBy0Point9In10HoursDoesNotFireAtOne() {
        Outcome o = POTASSIUM.check("potassium", point("4.9", "mmol/L", 0), point("4.0", "mmol/L", 10));
        assertThat(o.evaluated()).isTrue();
        assertThat(o.failed()).isFalse();
        assertThat(o.text()).startsWith("delta potassium +0.9 mmol/L in 10 h ≤ 1 mmol/L");
    }

    @Test
    void aChangeEqualToTheLimitDoesNotFireOneAboveDoes() {
        assertThat(POTASSIUM.check("potassium", point("5.0", "mmol/L", 0), point("4.0", "mmol/L", 5)).failed()).isFalse();
        assertThat(POTASSIUM.check("potassium", point("5.01", "mmol/L", 0), point("4.0", "mmol/L", 5)).failed()).isTrue();
        assertThat(POTASSIUM.check("potassium", point("2.9", "mmol/L", 0), point("4.0", "mmol/L", 5)).failed()).isTrue();
        assertThat(CREATININE.check("creatinine", point("1.5", "mg/dL", 0), point("1.0", "mg/dL", 5)).failed()).isFalse();
    }

    @Test
    void previousOutsideTheWindowOrMissingIsNotCompared() {
        Outcome old = CREATININE.check("creatinine", point("1.3", "mg/dL", 0), point("0.8", "mg/dL", 73));
        assertThat(old.evaluated()).isFalse();
        assertThat(old.text()).contains("outside the 3 d window");
        assertThat(CREATININE.check("creatinine", point("1.3", "mg/dL", 0), point("0.8", "mg/dL", 72)).failed()).isTrue();
        assertThat(CREATININE.check("creatinine", point("1.3", "mg/dL", 0), null).text()).contains("no previous result");
    }

    @Test
    void censoredValuesAndUnitChangesAreNotCompared() {
        Point censored = new Point(new BigDecimal("0.2"), "<", "mg/dL", NOW.minus(Duration.ofHours(5)));
        assertThat(CREATININE.check("creatinine", point("1.3", "mg/dL", 0), censored).evaluated()).isFalse();
        assertThat(CREATININE.check("creatinine", point("115", "umol/L", 0), point("0.8", "mg/dL", 5)).text())
                .contains("previous result in mg/dL");
    }

    @Test
    void daysAreShownBeyondTwoDays() {
        assertThat(DeltaRule.elapsed(Duration.ofHours(48))).isEqualTo("2 d");
        assertThat(DeltaRule.elapsed(Duration.ofHours(60))).isEqualTo("2.5 d");
        assertThat(DeltaRule.elapsed(Duration.ofMinutes(90))).isEqualTo("2 h");
    }

    private static Point point(String value, String unit, int hoursAgo) {
        return new Point(new BigDecimal(value), null, unit, NOW.minus(Duration.ofHours(hoursAgo)));
    }
}
