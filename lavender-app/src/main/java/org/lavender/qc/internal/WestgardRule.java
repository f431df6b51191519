package org.lavender.qc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lavender.shared.InvalidInputException;

/**
 * The Westgard multirules (Westgard JO et al., Clin Chem 1981; clinical reference §6), z = (value − mean) / SD.
 * Each rule judges a new value against the values before it of the same test on the same analyzer, oldest
 * first: within its run (other levels) and across runs (the same level, or all levels in measuring order).
 * "Beyond n SD" is strictly beyond: |z| > n.
 */
sealed interface WestgardRule {

    String code();

    /** @param history earlier values of the series, oldest first (never the current one) */
    RuleResult judge(List<QcPoint> history, QcPoint current);

    /** "1-2s", "1-3s", "2-2s", "R-4s", "4-1s", "8x", "10x", "12x" (case and spaces ignored). */
    static WestgardRule parse(String code) {
        String c = code == null ? "" : code.strip().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (c) {
            case "1-2s", "12s" -> new OneTwoS();
            case "1-3s", "13s" -> new OneThreeS();
            case "2-2s", "22s" -> new TwoTwoS();
            case "r-4s", "r4s" -> new RangeFourS();
            case "4-1s", "41s" -> new FourOneS();
            case "8x", "10x", "12x" -> new MeanSide(Integer.parseInt(c.substring(0, c.length() - 1)));
            default -> throw new InvalidInputException("rules", "Unknown Westgard rule '" + code
                    + "' (known: 1-2s, 1-3s, 2-2s, R-4s, 4-1s, 8x, 10x, 12x)");
        };
    }

    /** 1-2s: one value beyond ±2 SD. A warning only: inspect, do not reject. */
    record OneTwoS() implements WestgardRule {
        public String code() {
            return "1-2s";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            return Math.abs(current.z()) > 2
                    ? new RuleResult(code(), RuleResult.Verdict.WARNING, current.describe() + " beyond 2 SD",
                    List.of(current))
                    : RuleResult.pass(code());
        }
    }

    /** 1-3s: one value beyond ±3 SD; random error (or a large systematic one). */
    record OneThreeS() implements WestgardRule {
        public String code() {
            return "1-3s";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            return Math.abs(current.z()) > 3
                    ? new RuleResult(code(), RuleResult.Verdict.REJECT, current.describe() + " beyond 3 SD",
                    List.of(current))
                    : RuleResult.pass(code());
        }
    }

    /**
     * 2-2s: two values beyond 2 SD on the same side, within the run (two levels) or across runs (this level's
     * previous run); systematic error. Needs a second level in the run or a previous value of this level.
     */
    record TwoTwoS() implements WestgardRule {
        public String code() {
            return "2-2s";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            QcPoint sameLevelBefore = null;
            List<QcPoint> otherLevelsInRun = new ArrayList<>();
            for (int i = history.size() - 1; i >= 0; i--) {
                QcPoint p = history.get(i);
                if (p.runId() == current.runId() && p.lotId() != current.lotId()) {
                    otherLevelsInRun.add(p);
                } else if (p.lotId() == current.lotId() && p.runId() != current.runId() && sameLevelBefore == null) {
                    sameLevelBefore = p;
                }
                if (sameLevelBefore != null && p.runId() != current.runId()) {
                    break;
                }
            }
            if (sameLevelBefore == null && otherLevelsInRun.isEmpty()) {
                return RuleResult.notEvaluable(code(), "1 value: needs a second level in the run or a previous run"
                        + " of this level");
            }
            double side = Math.signum(current.z());
            if (Math.abs(current.z()) > 2) {
                for (QcPoint p : otherLevelsInRun) {
                    if (p.z() * side > 2) {
                        return new RuleResult(code(), RuleResult.Verdict.REJECT, current.describe() + " and "
                                + p.describe() + " beyond " + sign(side) + "2 SD within the run", List.of(p, current));
                    }
                }
                if (sameLevelBefore != null && sameLevelBefore.z() * side > 2) {
                    return new RuleResult(code(), RuleResult.Verdict.REJECT, sameLevelBefore.describe() + " then "
                            + current.describe() + " beyond " + sign(side) + "2 SD in consecutive runs",
                            List.of(sameLevelBefore, current));
                }
            }
            return RuleResult.pass(code());
        }
    }

    /**
     * R-4s: in the same run one value beyond +2 SD and another beyond −2 SD; random error. Never across runs
     * (opposite excursions in consecutive runs are two warnings). Needs a second level in the run.
     */
    record RangeFourS() implements WestgardRule {
        public String code() {
            return "R-4s";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            boolean evaluable = false;
            for (int i = history.size() - 1; i >= 0; i--) {
                QcPoint p = history.get(i);
                if (p.runId() != current.runId()) {
                    if (evaluable) {
                        break;
                    }
                    continue;
                }
                if (p.lotId() == current.lotId()) {
                    continue;
                }
                evaluable = true;
                if (Math.abs(current.z()) > 2 && p.z() * Math.signum(current.z()) < -2) {
                    QcPoint high = current.z() > 0 ? current : p;
                    QcPoint low = current.z() > 0 ? p : current;
                    return new RuleResult(code(), RuleResult.Verdict.REJECT, high.describe() + " and "
                            + low.describe() + " in the same run: range "
                            + String.format(Locale.ROOT, "%.2f", high.z() - low.z()) + " SD", List.of(p, current));
                }
            }
            return evaluable ? RuleResult.pass(code())
                    : RuleResult.notEvaluable(code(), "no second level in this run");
        }
    }

    /**
     * 4-1s: four consecutive values beyond 1 SD on the same side, of this level across runs or across levels in
     * measuring order; systematic error. Needs three earlier values.
     */
    record FourOneS() implements WestgardRule {
        public String code() {
            return "4-1s";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            return Consecutive.judge(code(), 4, 1.0, history, current, "1 SD");
        }
    }

    /**
     * nx (8x, 10x, 12x): n consecutive values on the same side of the mean, of this level or across levels;
     * systematic error. A value exactly on the mean ends the streak. Needs n − 1 earlier values.
     */
    record MeanSide(int n) implements WestgardRule {
        public String code() {
            return n + "x";
        }

        public RuleResult judge(List<QcPoint> history, QcPoint current) {
            return Consecutive.judge(code(), n, 0.0, history, current, "the mean");
        }
    }

    private static String sign(double side) {
        return side > 0 ? "+" : "−";
    }

    /** The shared shape of 4-1s and nx: the last n values beyond a limit on one side. */
    final class Consecutive {

        private Consecutive() {
        }

        static RuleResult judge(String code, int n, double limit, List<QcPoint> history, QcPoint current,
                                String what) {
            if (history.size() < n - 1) {
                return RuleResult.notEvaluable(code, (history.size() + 1) + " value(s): needs " + n);
            }
            double side = Math.signum(current.z());
            if (current.z() * side <= limit || side == 0) {
                return RuleResult.pass(code);
            }
            List<QcPoint> sameLevel = new ArrayList<>(n);
            sameLevel.add(current);
            for (int i = history.size() - 1; i >= 0 && sameLevel.size() < n; i--) {
                QcPoint p = history.get(i);
                if (p.lotId() == current.lotId()) {
                    if (p.z() * side <= limit) {
                        break;
                    }
                    sameLevel.add(p);
                }
            }
            if (sameLevel.size() == n) {
                return violation(code, n, sameLevel, " of " + current.lot() + " beyond " + sign(side) + what);
            }
            List<QcPoint> acrossLevels = new ArrayList<>(n);
            acrossLevels.add(current);
            for (int i = history.size() - 1; i >= 0 && acrossLevels.size() < n; i--) {
                QcPoint p = history.get(i);
                if (p.z() * side <= limit) {
                    break;
                }
                acrossLevels.add(p);
            }
            if (acrossLevels.size() == n) {
                return violation(code, n, acrossLevels, " across levels beyond " + sign(side) + what);
            }
            return RuleResult.pass(code);
        }

        private static RuleResult violation(String code, int n, List<QcPoint> newestFirst, String where) {
            List<QcPoint> cause = new ArrayList<>(newestFirst);
            java.util.Collections.reverse(cause);
            var detail = new StringBuilder(n + " consecutive values" + where + ": ");
            for (int i = 0; i < cause.size(); i++) {
                detail.append(i == 0 ? "" : ", ").append(cause.get(i).describe());
            }
            return new RuleResult(code, RuleResult.Verdict.REJECT, detail.toString(), List.copyOf(cause));
        }
    }
}
