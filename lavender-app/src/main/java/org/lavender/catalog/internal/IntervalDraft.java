package org.lavender.catalog.internal;

import java.math.BigDecimal;
import org.lavender.shared.InvalidInputException;

/**
 * A reference interval band as an administrator entered it, before it is stored. {@link #validate()} refuses
 * anything that would make flagging ambiguous or wrong. {@code analyzer}: the analyzer (by name) whose method the
 * band belongs to, or null for every method.
 */
record IntervalDraft(String analyzer, String sex, int ageFromDays, Integer ageToDays, BigDecimal low, BigDecimal high,
                     BigDecimal criticalLow, BigDecimal criticalHigh, boolean criticalInclusive) {

    IntervalDraft {
        analyzer = analyzer == null || analyzer.isBlank() ? null : analyzer.strip();
    }

    IntervalDraft validate() {
        if (analyzer != null && (analyzer.length() > 100 || analyzer.chars().anyMatch(Character::isISOControl))) {
            throw new InvalidInputException("analyzer", "Name the analyzer as it is configured in Lavender (at most"
                    + " 100 characters, no control characters), or leave it empty for every method");
        }
        if (!"M".equals(sex) && !"F".equals(sex) && !IntervalBand.ANY.equals(sex)) {
            throw new InvalidInputException("sex", "Sex of a band must be M, F or A (any)");
        }
        if (ageFromDays < 0) {
            throw new InvalidInputException("ageFrom", "Age from cannot be negative");
        }
        if (ageToDays != null && ageToDays <= ageFromDays) {
            throw new InvalidInputException("ageTo", "Age to (" + ageToDays + " d, exclusive) must be after age from ("
                    + ageFromDays + " d)");
        }
        if (low == null && high == null && criticalLow == null && criticalHigh == null) {
            throw new InvalidInputException("low", "Enter at least one limit (low, high or a critical limit)");
        }
        if (low != null && high != null && low.compareTo(high) > 0) {
            throw new InvalidInputException("low", "Low limit " + low.toPlainString() + " is above high limit "
                    + high.toPlainString());
        }
        if (criticalLow != null && criticalHigh != null && criticalLow.compareTo(criticalHigh) >= 0) {
            throw new InvalidInputException("criticalLow", "Critical low " + criticalLow.toPlainString()
                    + " must be below critical high " + criticalHigh.toPlainString());
        }
        if (criticalLow != null && low != null && criticalLow.compareTo(low) > 0) {
            throw new InvalidInputException("criticalLow", "Critical low " + criticalLow.toPlainString()
                    + " is above the low reference limit " + low.toPlainString());
        }
        if (criticalHigh != null && high != null && criticalHigh.compareTo(high) < 0) {
            throw new InvalidInputException("criticalHigh", "Critical high " + criticalHigh.toPlainString()
                    + " is below the high reference limit " + high.toPlainString());
        }
        for (BigDecimal v : new BigDecimal[] {low, high, criticalLow, criticalHigh}) {
            if (v != null && (v.scale() > 4 || v.precision() - v.scale() > 8)) {
                throw new InvalidInputException("low", "Limit " + v.toPlainString()
                        + " has too many digits (at most 8 before and 4 after the decimal point)");
            }
        }
        return this;
    }
}
