package org.lavender.results.internal;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.lavender.results.LabResult;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

/**
 * A reflex rule: when a released result of {@code testCode} meets the condition, {@code reflexTest} is added to the
 * same order (TSH above the reference interval → free T4; reactive HCV antibody → HCV RNA). The condition is a
 * comparison with a number, a set of interpretation flags, or a coded answer.
 */
record ReflexRule(long id, String testCode, Condition condition, String comparator, BigDecimal threshold,
                  Set<Interpretation> flags, String answer, String reflexTest, String note, boolean enabled) {

    enum Condition { COMPARISON, FLAG, ANSWER }

    private static final Set<String> COMPARATORS = Set.of(">", ">=", "<", "<=");

    /**
     * Checks a rule typed on the admin form; every field is validated so a malformed rule is never stored. Test
     * codes are checked against the catalog by the caller.
     */
    static ReflexRule define(String testCode, String condition, String comparator, String threshold, String flags,
                             String answer, String reflexTest, String note) {
        String test = code(testCode, "testCode", "trigger test");
        String reflex = code(reflexTest, "reflexTest", "reflex test");
        if (test.equals(reflex)) {
            throw new InvalidInputException("reflexTest", "A test cannot reflex to itself");
        }
        Condition kind;
        try {
            kind = Condition.valueOf(blankToEmpty(condition).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("condition", "Condition is COMPARISON, FLAG or ANSWER, not '"
                    + blankToEmpty(condition) + "'");
        }
        String cleanNote = blankToNull(note);
        if (cleanNote != null && cleanNote.length() > 500) {
            throw new InvalidInputException("note", "A rule note may have at most 500 characters");
        }
        return switch (kind) {
            case COMPARISON -> {
                String op = blankToEmpty(comparator);
                if (!COMPARATORS.contains(op)) {
                    throw new InvalidInputException("comparator", "Comparator is >, >=, < or <=, not '" + op + "'");
                }
                yield new ReflexRule(0, test, kind, op, number(threshold), Set.of(), null, reflex, cleanNote, true);
            }
            case FLAG -> new ReflexRule(0, test, kind, null, null, parseFlags(flags), null, reflex, cleanNote, true);
            case ANSWER -> {
                String a = blankToNull(answer);
                if (a == null) {
                    throw new InvalidInputException("answer", "Enter the coded answer that triggers the reflex");
                }
                if (a.length() > 100) {
                    throw new InvalidInputException("answer", "An answer may have at most 100 characters");
                }
                yield new ReflexRule(0, test, kind, null, null, Set.of(), a, reflex, cleanNote, true);
            }
        };
    }

    /**
     * Why the result meets the condition ("TSH 6.10 m[IU]/L flagged H"), or empty. A value reported with a comparator
     * (">100") meets a comparison only when every value it stands for does: ">100" meets "> 4", "<0.01" meets "< 0.1".
     */
    Optional<String> firedBy(LabResult r) {
        if (r.valueText() == null || !r.testCode().equals(testCode)) {
            return Optional.empty();
        }
        String unit = r.unit() == null ? "" : " " + r.unit();
        String value = r.testName() + " " + r.valueText() + unit;
        return switch (condition) {
            case COMPARISON -> r.numericValue() != null && compares(r.comparator(), r.numericValue())
                    ? Optional.of(value + " " + comparator + " " + threshold.stripTrailingZeros().toPlainString())
                    : Optional.empty();
            case FLAG -> r.interpretation() != null && flags.contains(r.interpretation())
                    ? Optional.of(value + " flagged " + r.interpretation()) : Optional.empty();
            case ANSWER -> r.valueText().strip().equalsIgnoreCase(answer)
                    ? Optional.of(value + " is " + answer) : Optional.empty();
        };
    }

    private boolean compares(String reported, BigDecimal v) {
        int c = v.compareTo(threshold);
        if (reported == null) {
            return switch (comparator) {
                case ">" -> c > 0;
                case ">=" -> c >= 0;
                case "<" -> c < 0;
                default -> c <= 0;
            };
        }
        boolean reportedAbove = reported.startsWith(">");
        boolean ruleAbove = comparator.startsWith(">");
        if (reportedAbove != ruleAbove) {
            return false;
        }
        // ">100" means every true value is above (or at, for ">=") 100; it meets "> t" when 100 >= t.
        return ruleAbove ? c >= 0 : c <= 0;
    }

    /** "TSH flagged H → FT4", as shown in the rule list and the audit trail. */
    public String describe() {
        String when = switch (condition) {
            case COMPARISON -> testCode + " " + comparator + " " + threshold.stripTrailingZeros().toPlainString();
            case FLAG -> testCode + " flagged " + flagText();
            case ANSWER -> testCode + " = " + answer;
        };
        return when + " → " + reflexTest;
    }

    public String flagText() {
        return flags.stream().sorted().map(Enum::name).collect(Collectors.joining(" "));
    }

    private static Set<Interpretation> parseFlags(String text) {
        String t = blankToEmpty(text).toUpperCase(Locale.ROOT).replace(',', ' ');
        if (t.isEmpty()) {
            throw new InvalidInputException("flags", "Choose at least one flag (N, L, H, LL, HH, A, AA)");
        }
        Set<Interpretation> set = EnumSet.noneOf(Interpretation.class);
        for (String f : Arrays.stream(t.split("\\s+")).toList()) {
            try {
                set.add(Interpretation.valueOf(f));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("flags", "'" + f + "' is not a flag; use N, L, H, LL, HH, A or AA");
            }
        }
        return set;
    }

    private static BigDecimal number(String text) {
        String t = blankToEmpty(text);
        if (t.isEmpty()) {
            throw new InvalidInputException("threshold", "Enter the number to compare with");
        }
        if (t.length() > 20 || !t.matches("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
            throw new InvalidInputException("threshold", "'" + t + "' is not a number (use a decimal point)");
        }
        return new BigDecimal(t);
    }

    private static String code(String text, String field, String what) {
        String t = blankToEmpty(text).toUpperCase(Locale.ROOT);
        if (!t.matches("[A-Z0-9_-]{1,16}")) {
            throw new InvalidInputException(field, "Enter the " + what + " as a catalog test code");
        }
        return t;
    }

    private static String blankToEmpty(String s) {
        return s == null ? "" : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
