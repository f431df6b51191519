package org.lavender.patients.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.regex.Pattern;
import org.lavender.patients.PatientQuery;
import org.lavender.shared.InvalidInputException;

/**
 * What a person types into the one patient search box: an MRN or other identifier ("M00000427", "H-55812"), a
 * birth date ("1980-04-02" or "02.04.1980"), a name ("doe", "doe, ja", ", jane"), or a name and a birth date
 * ("doe, ja 1980-04-02"). Names are "family, given" prefixes, the way labels print them.
 */
final class PatientSearchInput {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern DOTTED_DATE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.\\d{4}");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("d.M.uuuu").withResolverStyle(ResolverStyle.STRICT);

    private PatientSearchInput() {
    }

    static PatientQuery parse(String text) {
        if (text == null || text.isBlank()) {
            return new PatientQuery(null, null, null, null);
        }
        LocalDate birthDate = null;
        StringBuilder rest = new StringBuilder();
        for (String token : text.strip().split("\\s+")) {
            LocalDate date = date(token);
            if (date != null) {
                if (birthDate != null) {
                    throw new InvalidInputException("q", "Give one birth date only");
                }
                birthDate = date;
            } else {
                rest.append(rest.isEmpty() ? "" : " ").append(token);
            }
        }
        String remaining = rest.toString();
        if (remaining.isEmpty()) {
            return new PatientQuery(null, null, null, birthDate);
        }
        // A single token with a digit in it is an identifier: names have no digits.
        if (!remaining.contains(" ") && !remaining.contains(",") && remaining.chars().anyMatch(Character::isDigit)) {
            return new PatientQuery(remaining, null, null, birthDate);
        }
        return new PatientQuery(null, null, remaining, birthDate);
    }

    private static LocalDate date(String token) {
        try {
            if (ISO_DATE.matcher(token).matches()) {
                return LocalDate.parse(token);
            }
            if (DOTTED_DATE.matcher(token).matches()) {
                return LocalDate.parse(token, DOTTED);
            }
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("q", "'" + token + "' is not a valid date");
        }
        return null;
    }
}
