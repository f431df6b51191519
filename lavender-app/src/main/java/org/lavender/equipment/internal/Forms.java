package org.lavender.equipment.internal;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.AssetSettings;
import org.lavender.equipment.Frequency;
import org.lavender.equipment.MaintenanceInterval;
import org.lavender.equipment.TemperatureRange;
import org.lavender.shared.InvalidInputException;

/**
 * Parsing of what pages and API clients send as text: numbers, dates, choices. Every refusal names the field and
 * repeats what was typed, so nothing is guessed and nothing partial is stored.
 */
final class Forms {

    private Forms() {
    }

    /** The asset fields as typed (strings), shared by the asset page and the JSON API. */
    record AssetForm(String tag, String name, String kind, String manufacturer, String model, String serialNumber,
                     String location, String analyzerName, String minCelsius, String maxCelsius, Boolean active,
                     Integer version) {

        static AssetForm blank() {
            return new AssetForm("", "", "ANALYZER", "", "", "", "", "", "", "", true, 0);
        }

        static AssetForm of(org.lavender.equipment.Asset a) {
            return new AssetForm(a.tag(), a.name(), a.kind().name(), a.manufacturer(), a.model(), a.serialNumber(),
                    a.location(), a.analyzerName(),
                    a.temperatureRange() == null ? "" : a.temperatureRange().minCelsius().toPlainString(),
                    a.temperatureRange() == null ? "" : a.temperatureRange().maxCelsius().toPlainString(),
                    a.active(), a.version());
        }

        AssetSettings settings() {
            BigDecimal min = decimal(minCelsius, "minCelsius", "The lowest acceptable temperature");
            BigDecimal max = decimal(maxCelsius, "maxCelsius", "The highest acceptable temperature");
            TemperatureRange range = min == null && max == null ? null : new TemperatureRange(min, max);
            return new AssetSettings(tag, name, choice(AssetKind.class, kind, "kind", "equipment kind"), manufacturer,
                    model, serialNumber, location, analyzerName, range, active == null || active);
        }
    }

    static MaintenanceInterval interval(String frequency, String every) {
        Frequency f = choice(Frequency.class, frequency, "frequency", "frequency");
        Integer n = integer(every, "every", "The repeat count");
        return new MaintenanceInterval(f, n == null ? 1 : n);
    }

    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    static <E extends Enum<E>> E choice(Class<E> type, String value, String field, String label) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, "Choose the " + label);
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "'" + clip(value) + "' is not a valid " + label + " (one of "
                    + Arrays.toString(type.getEnumConstants()) + ")");
        }
    }

    static BigDecimal decimal(String value, String field, String label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip().replace('−', '-').replace(',', '.');
        if (!v.matches("[+-]?\\d{1,6}(\\.\\d{1,2})?")) {
            throw new InvalidInputException(field, label + ": '" + clip(value) + "' is not a number");
        }
        return new BigDecimal(v);
    }

    static Integer integer(String value, String field, String label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, label + ": '" + clip(value) + "' is not a whole number");
        }
    }

    static LocalDate date(String value, String field, String label) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidInputException(field, label + ": '" + clip(value) + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** An ISO instant ("2026-11-25T08:00:00Z") or a local date-time of the lab ("2026-11-25T09:00"). */
    static Instant instant(String value, String field, String label, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeException e2) {
                throw new InvalidInputException(field, label + ": '" + clip(value)
                        + "' is not a date and time (YYYY-MM-DDTHH:MM)");
            }
        }
    }

    static long id(String value, String field, String label) {
        if (value != null && !value.isBlank()) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, label + ": '" + clip(value) + "' is not a number");
            }
        }
        throw new InvalidInputException(field, "Choose the " + label.toLowerCase(Locale.ROOT));
    }

    private static String clip(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
