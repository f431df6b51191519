package org.lavender.catalog;

import java.math.BigDecimal;
import org.lavender.shared.Interpretation;

/**
 * The reference interval and critical limits that apply to one result (test, sex, age band). A value equal to a
 * reference limit is inside the interval (normal); critical limits compare strictly unless the source says
 * "≤"/"≥" ({@code criticalInclusive}). Critical beats abnormal. See clinical reference §0 and §2.
 *
 * @param id the stored interval row, recorded with each result so the lab knows which version was applied
 */
public record ReferenceInterval(long id, BigDecimal low, BigDecimal high, BigDecimal criticalLow,
                                BigDecimal criticalHigh, boolean criticalInclusive, String unit) {

    public Interpretation flag(BigDecimal value) {
        if (criticalLow != null && (criticalInclusive ? value.compareTo(criticalLow) <= 0
                : value.compareTo(criticalLow) < 0)) {
            return Interpretation.LL;
        }
        if (criticalHigh != null && (criticalInclusive ? value.compareTo(criticalHigh) >= 0
                : value.compareTo(criticalHigh) > 0)) {
            return Interpretation.HH;
        }
        if (low != null && value.compareTo(low) < 0) {
            return Interpretation.L;
        }
        if (high != null && value.compareTo(high) > 0) {
            return Interpretation.H;
        }
        return Interpretation.N;
    }

    /** "3.5–5.1", "<10", ">60" as printed on a report. */
    public String text() {
        if (low != null && high != null) {
            return low.toPlainString() + "–" + high.toPlainString();
        }
        if (high != null) {
            return "≤" + high.toPlainString();
        }
        if (low != null) {
            return "≥" + low.toPlainString();
        }
        return "";
    }
}
