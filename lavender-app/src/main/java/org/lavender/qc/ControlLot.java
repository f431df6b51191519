package org.lavender.qc;

import java.time.LocalDate;

/**
 * One lot of one level of a control material ("Liquichek Chemistry level 1, lot 26431, expires 2027-03-31"). The
 * lot number is what an analyzer sends as the control id (HL7 SPM-2, ASTM O-3). An opened vial is stable for
 * {@code openVialDays} from {@code vialOpenedOn} (both optional).
 */
public record ControlLot(long id, String lotNumber, String material, String manufacturer, String level,
                         LocalDate expiresOn, Integer openVialDays, LocalDate vialOpenedOn, int version) {

    /** Why a control measured on {@code day} may not be used, or null when the lot and its open vial are good. */
    public String refusalOn(LocalDate day) {
        if (day.isAfter(expiresOn)) {
            return "control lot " + lotNumber + " expired on " + expiresOn;
        }
        if (openVialDays != null && vialOpenedOn != null && !day.isBefore(vialOpenedOn)
                && !day.isBefore(vialOpenedOn.plusDays(openVialDays))) {
            return "the open vial of control lot " + lotNumber + " (opened " + vialOpenedOn + ") is past its "
                    + openVialDays + "-day open-vial stability (last day " + vialOpenedOn.plusDays(openVialDays - 1L)
                    + "); open a new vial";
        }
        return null;
    }

    public String describe() {
        return lotNumber + " (" + material + (manufacturer == null ? "" : ", " + manufacturer) + ", level " + level
                + ", expires " + expiresOn + (openVialDays == null ? "" : ", open vial " + openVialDays + " d")
                + (vialOpenedOn == null ? "" : ", vial opened " + vialOpenedOn) + ")";
    }
}
