package org.lavender.qc;

import java.time.LocalDate;

/** What a supervisor enters for a control lot; checked by the service. */
public record NewControlLot(String lotNumber, String material, String manufacturer, String level,
                            LocalDate expiresOn, Integer openVialDays, LocalDate vialOpenedOn) {
}
