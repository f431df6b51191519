package org.lavender.results.internal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.lavender.shared.Ucum;

/**
 * Converts a calculator input to the unit its formula expects. Changes of scale within one kind of quantity
 * (g/L → g/dL, umol/L → mmol/L) go through UCUM; mass ↔ substance (mg/dL ↔ mmol/L) needs the analyte's molar
 * mass, which UCUM cannot know, so those use the explicit factors of the clinical reference §1.
 */
final class AnalyteUnits {

    private static final UcumEssenceService UCUM = Ucum.service();

    /** SI unit per conventional unit: SI value = conventional value × factor (clinical reference §1). */
    private record MolarFactor(String conventional, String si, BigDecimal siPerConventional) {
    }

    private static final Map<String, MolarFactor> MOLAR = Map.of(
            // creatinine mg/dL × 88.4 = µmol/L
            "2160-0", new MolarFactor("mg/dL", "umol/L", new BigDecimal("88.4")),
            // glucose mg/dL ÷ 18 = mmol/L (the reference rounds 18.016 to 18, as the osmolality formula does)
            "2345-7", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("18"), MathContext.DECIMAL64)),
            // urea nitrogen mg/dL ÷ 2.8 = urea mmol/L
            "3094-0", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("2.8"), MathContext.DECIMAL64)),
            // calcium mg/dL ÷ 4.008 = mmol/L
            "17861-6", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("4.008"), MathContext.DECIMAL64)),
            // cholesterol (total and HDL) mg/dL ÷ 38.67 = mmol/L
            "2093-3", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("38.67"), MathContext.DECIMAL64)),
            "2085-9", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("38.67"), MathContext.DECIMAL64)),
            // triglyceride mg/dL ÷ 88.57 = mmol/L
            "2571-8", new MolarFactor("mg/dL", "mmol/L", BigDecimal.ONE.divide(new BigDecimal("88.57"), MathContext.DECIMAL64)));

    private AnalyteUnits() {
    }

    /**
     * The value in the target unit; a unit that cannot be converted is refused with a message naming the analyte,
     * never guessed.
     */
    static BigDecimal convert(String loinc, BigDecimal value, String from, String to) {
        if (from == null || from.equals(to)) {
            return value;
        }
        if (comparable(from, to)) {
            return scale(value, from, to);
        }
        MolarFactor f = MOLAR.get(loinc);
        if (f != null && comparable(from, f.si()) && comparable(to, f.conventional())) {
            BigDecimal si = scale(value, from, f.si());
            return scale(si.divide(f.siPerConventional(), MathContext.DECIMAL64), f.conventional(), to);
        }
        if (f != null && comparable(from, f.conventional()) && comparable(to, f.si())) {
            BigDecimal conventional = scale(value, from, f.conventional());
            return scale(conventional.multiply(f.siPerConventional(), MathContext.DECIMAL64), f.si(), to);
        }
        throw new UnconvertibleUnit("LOINC " + loinc + " reported in '" + from + "' cannot be converted to '" + to + "'");
    }

    private static boolean comparable(String a, String b) {
        if (a.equals(b)) {
            return true;
        }
        try {
            return UCUM.isComparable(a, b);
        } catch (UcumException e) {
            return false;
        }
    }

    private static BigDecimal scale(BigDecimal value, String from, String to) {
        if (from.equals(to)) {
            return value;
        }
        try {
            return new BigDecimal(UCUM.convert(new Decimal(value.toPlainString()), from, to).asDecimal());
        } catch (UcumException e) {
            throw new UnconvertibleUnit("'" + from + "' cannot be converted to '" + to + "': " + e.getMessage());
        }
    }

    /** An input unit that neither UCUM nor a molar factor can bring to the formula's unit. */
    static final class UnconvertibleUnit extends RuntimeException {
        UnconvertibleUnit(String message) {
            super(message);
        }
    }
}
