package org.lavender.catalog.internal;

/** Age band limits are stored in days; people think in days, months and years. */
final class AgeBands {

    private AgeBands() {
    }

    /** "0 d", "29 d", "16 y" (a whole number of 365.25-day years), else days. */
    static String label(int days) {
        if (days >= 365) {
            long years = Math.round(days / 365.25);
            if (Math.round(years * 365.25) == days) {
                return years + " y";
            }
        }
        return days + " d";
    }
}
