package org.lavender.equipment;

/** What a person enters for an asset (validated by the equipment module). */
public record AssetSettings(String tag, String name, AssetKind kind, String manufacturer, String model,
                            String serialNumber, String location, String analyzerName,
                            TemperatureRange temperatureRange, boolean active) {
}
