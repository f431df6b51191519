package org.lavender.equipment;

import java.time.LocalDate;
import org.lavender.shared.InvalidInputException;

/**
 * A delivery of a reagent lot: lot number, expiry, number of units and where they are stored. A lot that is expired
 * on arrival is refused (CLIA 42 CFR 493.1252(d): reagents are not used past their expiration date).
 */
public record LotReceipt(long reagentId, String lotNumber, LocalDate expiresOn, Integer units, String storage) {

    public static final int MAX_UNITS = 10_000;

    /** The receipt cleaned up, or the first thing wrong with it as {@link InvalidInputException}. */
    public LotReceipt validated(LocalDate today) {
        if (lotNumber == null || lotNumber.isBlank()) {
            throw new InvalidInputException("lotNumber", "Enter the lot number printed on the box");
        }
        String lot = lotNumber.strip();
        if (lot.length() > 60 || !lot.matches("[\\p{Alnum}][\\p{Alnum} ./_-]*")) {
            throw new InvalidInputException("lotNumber", "A lot number has at most 60 letters, digits, spaces, "
                    + "dots, dashes or slashes");
        }
        if (expiresOn == null) {
            throw new InvalidInputException("expiresOn", "Enter the expiry date of lot " + lot);
        }
        if (expiresOn.isBefore(today)) {
            throw new InvalidInputException("expiresOn", "Lot " + lot + " expired on " + expiresOn
                    + "; an expired lot is not received into stock");
        }
        if (units == null) {
            throw new InvalidInputException("units", "Enter how many units arrived");
        }
        if (units <= 0 || units > MAX_UNITS) {
            throw new InvalidInputException("units", "The number of units received is 1 to " + MAX_UNITS
                    + ", not " + units);
        }
        String place = storage == null || storage.isBlank() ? null : storage.strip();
        if (place != null && place.length() > 100) {
            throw new InvalidInputException("storage", "Describe the storage place in at most 100 characters");
        }
        return new LotReceipt(reagentId, lot, expiresOn, units, place);
    }
}
