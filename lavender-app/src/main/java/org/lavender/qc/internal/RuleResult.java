package org.lavender.qc.internal;

import java.util.List;

/**
 * What one Westgard rule said about a new control value: pass, warning (1-2s), reject, or not evaluable when there
 * are fewer points than the rule needs (never a pass). A warning or reject names the values that caused it.
 */
record RuleResult(String rule, Verdict verdict, String detail, List<QcPoint> cause) {

    enum Verdict { PASS, WARNING, REJECT, NOT_EVALUABLE }

    static RuleResult pass(String rule) {
        return new RuleResult(rule, Verdict.PASS, null, List.of());
    }

    static RuleResult notEvaluable(String rule, String why) {
        return new RuleResult(rule, Verdict.NOT_EVALUABLE, why, List.of());
    }

    boolean violated() {
        return verdict == Verdict.WARNING || verdict == Verdict.REJECT;
    }

    /** "2-2s pass", "R-4s not evaluable (no second level in this run)", "1-3s REJECT: ...". */
    String summary() {
        return switch (verdict) {
            case PASS -> rule + " pass";
            case NOT_EVALUABLE -> rule + " not evaluable (" + detail + ")";
            case WARNING -> rule + " warning: " + detail;
            case REJECT -> rule + " REJECT: " + detail;
        };
    }
}
