package org.lavender.results.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.lavender.results.AnalyteQcStatus;
import org.lavender.results.LabResult;
import org.lavender.shared.Interpretation;

/**
 * Lavender's default autoverification rule set (CLSI AUTO10-A, clinical reference §5). Every rule is evaluated and
 * every outcome recorded, so a technologist sees all the reasons a result waits, not just the first; the result is
 * released only when all pass.
 */
final class AutoverificationRules {

    /** Recorded with every decision; change it whenever a rule or its order changes (AUTO10 re-validation). */
    static final String VERSION = "default-2026-11.2";

    /** What the rules look at for one result; everything is resolved beforehand, so the rules stay pure. */
    record Input(LabResult result, String resultType, String instrumentFlags, AnalyteQcStatus.Verdict qc,
                 Limits limits, DeltaRule.Outcome delta, Duration specimenAge, Integer stabilityHours,
                 List<String> unreleasedInputs, Limits measuringRange, SerumIndices indices) {

        /** Without a configured analytical measuring range (AMR) or serum index limits. */
        Input(LabResult result, String resultType, String instrumentFlags, AnalyteQcStatus.Verdict qc, Limits limits,
              DeltaRule.Outcome delta, Duration specimenAge, Integer stabilityHours, List<String> unreleasedInputs) {
            this(result, resultType, instrumentFlags, qc, limits, delta, specimenAge, stabilityHours, unreleasedInputs,
                    null, null);
        }

        /** Without serum index limits. */
        Input(LabResult result, String resultType, String instrumentFlags, AnalyteQcStatus.Verdict qc, Limits limits,
              DeltaRule.Outcome delta, Duration specimenAge, Integer stabilityHours, List<String> unreleasedInputs,
              Limits measuringRange) {
            this(result, resultType, instrumentFlags, qc, limits, delta, specimenAge, stabilityHours, unreleasedInputs,
                    measuringRange, null);
        }
    }

    /**
     * The serum index limits of the test (H hemolysis, I icterus, L lipemia: the method's interference data, CLSI
     * C56) and the indices measured on the same specimen (absent when not measured).
     */
    record SerumIndices(java.util.Map<Character, BigDecimal> limits, java.util.Map<Character, BigDecimal> measured) {

        static String name(char kind) {
            return switch (kind) {
                case 'H' -> "hemolysis";
                case 'I' -> "icterus";
                default -> "lipemia";
            };
        }
    }

    /** Autoverification limits for a numeric result, and where they come from. */
    record Limits(BigDecimal low, BigDecimal high, String source) {

        /**
         * The lab's limits if set, else the reference interval widened by half its width on each side (K 3.5–5.1 →
         * 2.7–5.9); a one-sided or missing interval gives no default, and the value must then be flagged normal.
         */
        static Limits of(BigDecimal labLow, BigDecimal labHigh, BigDecimal refLow, BigDecimal refHigh) {
            if (labLow != null || labHigh != null) {
                return new Limits(labLow, labHigh, "lab limits");
            }
            if (refLow != null && refHigh != null) {
                BigDecimal half = refHigh.subtract(refLow).divide(BigDecimal.valueOf(2));
                return new Limits(refLow.subtract(half), refHigh.add(half), "reference interval ± half its width");
            }
            return null;
        }

        /** The analytical measuring range validated for the method (CLIA 493.1253), or null when none is set. */
        static Limits measuringRange(BigDecimal low, BigDecimal high) {
            return low == null && high == null ? null : new Limits(low, high, "AMR");
        }

        boolean contain(BigDecimal v) {
            return (low == null || v.compareTo(low) >= 0) && (high == null || v.compareTo(high) <= 0);
        }

        String text() {
            return (low == null ? "" : low.stripTrailingZeros().toPlainString()) + "–"
                    + (high == null ? "" : high.stripTrailingZeros().toPlainString());
        }
    }

    record Outcome(String rule, boolean passed, String detail) {
    }

    interface Rule {
        String name();

        Outcome evaluate(Input in);

        default Outcome pass(String detail) {
            return new Outcome(name(), true, detail);
        }

        default Outcome hold(String detail) {
            return new Outcome(name(), false, detail);
        }
    }

    /** 1. The analyzer reported no flags or error codes with the result. */
    record InstrumentFlags() implements Rule {
        public String name() {
            return "instrument flags";
        }

        public Outcome evaluate(Input in) {
            if (in.instrumentFlags() == null || in.instrumentFlags().isBlank()) {
                return pass("no instrument flags");
            }
            return hold("instrument flags " + in.instrumentFlags().strip());
        }
    }

    /** 2. QC for the analyte on the analyzer is in control. */
    record QcInControl() implements Rule {
        public String name() {
            return "QC";
        }

        public Outcome evaluate(Input in) {
            return in.qc().inControl() ? pass(in.qc().detail()) : hold(in.qc().detail());
        }
    }

    /**
     * 3. A value the rules can judge: a number inside the measuring range (no "<"/">", and within the test's AMR when
     * one is set: above it the specimen is diluted and rerun, below it the value is reported as "&lt; low"), or a
     * coded answer.
     */
    record Reportable() implements Rule {
        public String name() {
            return "measuring range";
        }

        public Outcome evaluate(Input in) {
            LabResult r = in.result();
            if (r.valueText() == null) {
                return hold("no value" + (r.comment() == null ? "" : ": " + r.comment()));
            }
            return switch (in.resultType()) {
                case "NUMERIC" -> r.comparator() == null ? withinRange(in, r)
                        : hold(r.valueText() + " is outside the measuring range; dilute or repeat");
                case "CODED" -> pass("coded answer " + r.valueText());
                default -> hold("text result: a person reads it");
            };
        }

        private Outcome withinRange(Input in, LabResult r) {
            Limits amr = in.measuringRange();
            if (amr == null || r.numericValue() == null) {
                return pass(r.valueText() + " is an exact value");
            }
            String range = "AMR " + amr.text() + (r.unit() == null ? "" : " " + r.unit());
            BigDecimal v = r.numericValue();
            if (amr.high() != null && v.compareTo(amr.high()) > 0) {
                return hold(r.valueText() + " > " + range + ": dilute and rerun");
            }
            if (amr.low() != null && v.compareTo(amr.low()) < 0) {
                return hold(r.valueText() + " < " + range + ": rerun, or report as <"
                        + amr.low().stripTrailingZeros().toPlainString());
            }
            return pass(r.valueText() + " within " + range);
        }
    }

    /** 4. Not critical: a critical result goes to a person and opens a notification (clinical reference §3). */
    record NotCritical() implements Rule {
        public String name() {
            return "critical";
        }

        public Outcome evaluate(Input in) {
            Interpretation flag = in.result().interpretation();
            return flag != null && flag.critical() ? hold("critical " + flag + ": call the provider")
                    : pass("not critical");
        }
    }

    /** 5. Within the autoverification limits (wider than the reference interval, narrower than the AMR). */
    record WithinLimits() implements Rule {
        public String name() {
            return "limits";
        }

        public Outcome evaluate(Input in) {
            LabResult r = in.result();
            Interpretation flag = r.interpretation();
            if ("CODED".equals(in.resultType())) {
                return flag != null && flag.abnormal() ? hold("abnormal answer " + r.valueText())
                        : pass("expected answer");
            }
            if (!"NUMERIC".equals(in.resultType())) {
                return hold("text result: no limits apply");
            }
            if (r.numericValue() == null) {
                return hold("no number to compare");
            }
            if (in.limits() != null) {
                String unit = r.unit() == null ? "" : " " + r.unit();
                return in.limits().contain(r.numericValue())
                        ? pass(r.valueText() + " within " + in.limits().text() + unit + " (" + in.limits().source() + ")")
                        : hold(r.testName() + " " + r.valueText() + " outside autoverification limits "
                        + in.limits().text() + unit);
            }
            return flag == Interpretation.N ? pass(r.valueText() + " within the reference interval")
                    : hold(flag == null ? "no reference interval or autoverification limits for " + r.testName()
                    : r.testName() + " " + r.valueText() + " flagged " + flag + " (no autoverification limits set)");
        }
    }

    /**
     * 6. Serum indices below the test's limits: e.g. potassium, LD and AST are hemolysis-sensitive. A limit without
     * a measured index holds too, as nobody can tell whether the specimen interferes.
     */
    record IndicesBelowLimits() implements Rule {
        public String name() {
            return "serum indices";
        }

        public Outcome evaluate(Input in) {
            SerumIndices si = in.indices();
            if (si == null || si.limits().isEmpty()) {
                return pass("no serum index limits for this test");
            }
            String analyte = ResultIntelligence.analyte(in.result().testName());
            var held = new java.util.ArrayList<String>();
            var passed = new java.util.ArrayList<String>();
            new java.util.TreeMap<>(si.limits()).forEach((kind, limit) -> {
                BigDecimal value = si.measured().get(kind);
                String max = limit.stripTrailingZeros().toPlainString();
                if (value == null) {
                    held.add(kind + "-index not measured on this specimen (limit " + max + " for " + analyte + ")");
                } else if (value.compareTo(limit) > 0) {
                    held.add(kind + "-index " + value.stripTrailingZeros().toPlainString() + " > " + max + ": "
                            + SerumIndices.name(kind) + " interferes with " + analyte);
                } else {
                    passed.add(kind + "-index " + value.stripTrailingZeros().toPlainString() + " ≤ " + max);
                }
            });
            return held.isEmpty() ? pass(String.join(", ", passed)) : hold(String.join("; ", held));
        }
    }

    /** 7. The delta check passed or could not be evaluated (no previous result in the window). */
    record DeltaPass() implements Rule {
        public String name() {
            return "delta";
        }

        public Outcome evaluate(Input in) {
            if (in.delta() == null) {
                return pass("no delta rule for this test");
            }
            return in.delta().failed() ? hold(in.delta().text()) : pass(in.delta().text());
        }
    }

    /** 8. The specimen is within the analyte's stability when the result is judged. */
    record SpecimenAge() implements Rule {
        public String name() {
            return "specimen age";
        }

        public Outcome evaluate(Input in) {
            if (in.stabilityHours() == null) {
                return pass("no stability limit set");
            }
            if (in.specimenAge() == null) {
                return hold("collection time unknown; stability " + in.stabilityHours() + " h cannot be checked");
            }
            String age = DeltaRule.elapsed(in.specimenAge());
            return in.specimenAge().compareTo(Duration.ofHours(in.stabilityHours())) > 0
                    ? hold("specimen " + age + " old > stability " + in.stabilityHours() + " h")
                    : pass("specimen " + age + " old ≤ stability " + in.stabilityHours() + " h");
        }
    }

    /** 9. No result comment: a comment is meant for a person to read before release. */
    record CommentAbsent() implements Rule {
        public String name() {
            return "comment";
        }

        public Outcome evaluate(Input in) {
            String c = in.result().comment();
            return c == null || c.isBlank() ? pass("no comment") : hold("comment to review: " + c);
        }
    }

    /** 10. Consistency: a calculated result waits until every input it was calculated from is released. */
    record InputsReleased() implements Rule {
        public String name() {
            return "calculation inputs";
        }

        public Outcome evaluate(Input in) {
            if (in.unreleasedInputs() == null) {
                return pass("not a calculated test");
            }
            return in.unreleasedInputs().isEmpty() ? pass("all inputs released")
                    : hold("inputs not released: " + String.join(", ", in.unreleasedInputs()));
        }
    }

    static final List<Rule> DEFAULT = List.of(new InstrumentFlags(), new QcInControl(), new Reportable(),
            new NotCritical(), new WithinLimits(), new IndicesBelowLimits(), new DeltaPass(), new SpecimenAge(),
            new CommentAbsent(), new InputsReleased());

    private AutoverificationRules() {
    }

    static List<Outcome> evaluate(Input in) {
        return DEFAULT.stream().map(rule -> rule.evaluate(in)).toList();
    }

    static boolean release(List<Outcome> outcomes) {
        return outcomes.stream().allMatch(Outcome::passed);
    }

    /** "delta creatinine +62.5 % in 30 h > 50 %; comment to review: …" */
    static String heldReasons(List<Outcome> outcomes) {
        return String.join("; ", outcomes.stream().filter(o -> !o.passed()).map(Outcome::detail).toList());
    }
}
