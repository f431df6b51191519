package org.lavender.patients.internal;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lavender.patients.NewPatient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.shared.InvalidInputException;

/**
 * Checks demographics before they are stored and returns them cleaned (trimmed, MRN upper-cased). Each refusal
 * names the field and says what is wrong, so the clerk can fix it at once.
 */
final class PatientValidator {

    static final LocalDate EARLIEST_BIRTH_DATE = LocalDate.of(1900, 1, 1);
    private static final int MAX_NAME = 100;

    private final Clock clock;

    PatientValidator(Clock clock) {
        this.clock = clock;
    }

    NewPatient validate(NewPatient p) {
        if (p == null) {
            throw new InvalidInputException("patient", "Patient data is required");
        }
        String family = name("familyName", "Family name", p.familyName());
        String given = name("givenName", "Given name", p.givenName());
        LocalDate birthDate = birthDate(p.birthDate());
        if (p.sex() == null) {
            throw new InvalidInputException("sex", "Sex is required: use M, F, O or U (unknown)");
        }
        List<PatientIdentifier> identifiers = identifiers(p.otherIdentifiers());
        String mrn = p.mrn() == null || p.mrn().isBlank() ? null : Mrn.parse(p.mrn()).value();
        // An MRN sent as an identifier of the lab's own authority is the MRN.
        for (PatientIdentifier id : List.copyOf(identifiers)) {
            if (id.system().equals(PatientIdentifier.MRN_SYSTEM)) {
                String sent = Mrn.parse(id.value()).value();
                if (mrn != null && !mrn.equals(sent)) {
                    throw new InvalidInputException("mrn", "Two different MRNs given: " + mrn + " and " + sent);
                }
                mrn = sent;
                identifiers.remove(id);
            }
        }
        return new NewPatient(mrn, family, given, birthDate, p.sex(), phone(p.phone()), List.copyOf(identifiers));
    }

    static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "A reason for the change is required");
        }
        String r = reason.strip();
        rejectControlCharacters("reason", "Reason", r);
        if (r.length() > 500) {
            throw new InvalidInputException("reason", "Reason is longer than 500 characters");
        }
        return r;
    }

    private static String name(String field, String label, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(field, label + " is required");
        }
        String v = value.strip();
        rejectControlCharacters(field, label, v);
        if (v.length() > MAX_NAME) {
            throw new InvalidInputException(field, label + " is longer than " + MAX_NAME + " characters");
        }
        if (NameKey.of(v).isEmpty()) {
            throw new InvalidInputException(field, label + " '" + v + "' has no letters");
        }
        if (v.chars().anyMatch(Character::isDigit)) {
            throw new InvalidInputException(field, label + " '" + v + "' contains digits");
        }
        return v;
    }

    private LocalDate birthDate(LocalDate birthDate) {
        if (birthDate == null) {
            throw new InvalidInputException("birthDate", "Birth date is required");
        }
        if (birthDate.isAfter(LocalDate.now(clock))) {
            throw new InvalidInputException("birthDate", "Birth date " + birthDate + " is in the future");
        }
        if (birthDate.isBefore(EARLIEST_BIRTH_DATE)) {
            throw new InvalidInputException("birthDate",
                    "Birth date " + birthDate + " is before 1900: check the year");
        }
        return birthDate;
    }

    private static String phone(String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        String p = phone.strip();
        if (!p.matches("[+]?[0-9 ()./-]{3,30}")) {
            throw new InvalidInputException("phone",
                    "Phone '" + p + "' is not valid: use digits, spaces, + ( ) - / . (at most 30)");
        }
        return p;
    }

    private static List<PatientIdentifier> identifiers(List<PatientIdentifier> ids) {
        List<PatientIdentifier> clean = new ArrayList<>();
        if (ids == null) {
            return clean;
        }
        Set<String> seen = new HashSet<>();
        for (PatientIdentifier id : ids) {
            if (id == null || id.system() == null || id.system().isBlank()) {
                throw new InvalidInputException("identifiers", "Each identifier needs a system (its authority)");
            }
            if (id.value() == null || id.value().isBlank()) {
                throw new InvalidInputException("identifiers",
                        "Identifier of " + id.system().strip() + " has no value");
            }
            var c = new PatientIdentifier(id.system().strip(), id.value().strip());
            rejectControlCharacters("identifiers", "Identifier system", c.system());
            rejectControlCharacters("identifiers", "Identifier value", c.value());
            if (c.system().length() > 200 || c.value().length() > 100) {
                throw new InvalidInputException("identifiers", "Identifier " + c.value() + " is too long");
            }
            if (!seen.add(c.system() + "|" + c.value())) {
                throw new InvalidInputException("identifiers",
                        "Identifier " + c.system() + "|" + c.value() + " is given twice");
            }
            clean.add(c);
        }
        return clean;
    }

    private static void rejectControlCharacters(String field, String label, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                throw new InvalidInputException(field, label + " contains a control character (U+"
                        + String.format("%04X", (int) c) + ") at position " + (i + 1));
            }
        }
    }
}
