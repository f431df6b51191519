package org.lavender.equipment;

/**
 * A piece of lab equipment with its asset tag and serial number. {@code analyzerName} links an analyzer asset to the
 * analyzer configured in the instruments module (its results count as runs and consume its reagents);
 * {@code temperatureRange} is set for cold storage and incubators.
 */
public record Asset(long id, String tag, String name, AssetKind kind, String manufacturer, String model,
                    String serialNumber, String location, String analyzerName, TemperatureRange temperatureRange,
                    long runs, boolean active, int version) {

    /** What an auditor reads in the trail. */
    public String describe() {
        return tag + " " + name + " (" + kind + ", S/N " + serialNumber
                + (manufacturer == null ? "" : ", " + manufacturer) + (model == null ? "" : " " + model)
                + (location == null ? "" : ", at " + location)
                + (analyzerName == null ? "" : ", analyzer " + analyzerName)
                + (temperatureRange == null ? "" : ", range " + temperatureRange.text())
                + (active ? "" : ", retired") + ")";
    }
}
