package org.lavender.equipment;

/** What kind of equipment an asset is; cold storage and incubators keep a temperature log. */
public enum AssetKind {
    ANALYZER, CENTRIFUGE, REFRIGERATOR, FREEZER, INCUBATOR, WATER_BATH, PIPETTE, OTHER;

    public boolean temperatureControlled() {
        return this == REFRIGERATOR || this == FREEZER || this == INCUBATOR || this == WATER_BATH;
    }
}
