package org.lavender.catalog;

import java.math.BigDecimal;

/**
 * A tube or cup: cap colour, additive and draw volume. {@code drawOrder} follows CLSI GP41 (citrate before
 * serum before heparin before EDTA before fluoride) so collection lists come out in the right order.
 */
public record ContainerType(String code, String name, String capColour, String colourHex, String additive,
                            BigDecimal drawVolumeMl, String specimenType, int drawOrder) {
}
