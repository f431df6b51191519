package org.lavender.catalog.internal;

import org.fhir.ucum.UcumEssenceService;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.Ucum;

/**
 * Checks unit codes against UCUM (the unit system HL7 v2 OBX-6 and FHIR Quantity use), with the UCUM essence
 * table shipped inside the org.fhir:ucum jar. UCUM is case-sensitive: {@code mmol/L} is valid, {@code MMOL/L}
 * is not.
 */
final class UcumUnits {

    private static final UcumEssenceService UCUM = Ucum.service();

    private UcumUnits() {
    }

    /** Null when the code is a valid UCUM unit, else what is wrong with it. */
    static String problem(String unit) {
        if (unit == null || unit.isEmpty()) {
            return "A unit is required (UCUM code, e.g. mmol/L; use 1 for a dimensionless number)";
        }
        if (!unit.equals(unit.strip()) || unit.chars().anyMatch(Character::isWhitespace)) {
            return "Unit '" + unit + "' contains spaces; UCUM codes have none (e.g. 10*3/uL)";
        }
        // The library tolerates an empty term between two solidi; UCUM's grammar does not.
        if (unit.contains("//") || unit.endsWith("/")) {
            return "Unit '" + unit + "' is not valid UCUM: a '/' must be followed by a unit";
        }
        String problem = UCUM.validate(unit);
        return problem == null ? null : "Unit '" + unit + "' is not valid UCUM (" + problem
                + "); use the UCUM code, e.g. mmol/L, mg/dL, 10*3/uL, {INR}";
    }

    static void require(String field, String unit) {
        String problem = problem(unit);
        if (problem != null) {
            throw new InvalidInputException(field, problem);
        }
    }
}
