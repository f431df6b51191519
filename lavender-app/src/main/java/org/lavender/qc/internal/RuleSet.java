package org.lavender.qc.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import org.lavender.shared.InvalidInputException;

/**
 * The Westgard rules a lab applies to one test, chosen for instance by its sigma metric. 1-2s only warns; every
 * other rule rejects the run.
 */
record RuleSet(List<WestgardRule> rules) {

    /** The full multirule when a test has no rule set of its own. */
    static final RuleSet DEFAULT = parse("1-2s 1-3s 2-2s R-4s 4-1s 10x");

    RuleSet {
        rules = List.copyOf(rules);
    }

    /** "1-3s/2-2s/R-4s", "1-3s, 2-2s" or "1-3s 2-2s": at least one rule, each once. */
    static RuleSet parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("rules", "Choose at least one Westgard rule");
        }
        var codes = new LinkedHashSet<String>();
        var rules = new ArrayList<WestgardRule>();
        for (String part : text.split("[\\s,;/]+")) {
            if (!part.isBlank()) {
                WestgardRule rule = WestgardRule.parse(part);
                if (codes.add(rule.code())) {
                    rules.add(rule);
                }
            }
        }
        if (rules.isEmpty()) {
            throw new InvalidInputException("rules", "Choose at least one Westgard rule");
        }
        return new RuleSet(rules);
    }

    /** "1-3s/2-2s/R-4s/4-1s/10x". */
    String text() {
        return rules.stream().map(WestgardRule::code).collect(Collectors.joining("/"));
    }

    /**
     * The rules suggested for a method's sigma metric, sigma = (TEa − |bias|) / CV, after Westgard's "Westgard
     * Sigma Rules" (2014): the better the method, the fewer rules needed to catch its critical errors.
     */
    static RuleSet forSigma(double sigma) {
        if (sigma >= 6) {
            return parse("1-3s");
        }
        if (sigma >= 5) {
            return parse("1-3s 2-2s R-4s");
        }
        if (sigma >= 4) {
            return parse("1-3s 2-2s R-4s 4-1s");
        }
        return parse("1-3s 2-2s R-4s 4-1s 10x");
    }

    /** Every rule on the new value; the outcome is the worst verdict. */
    Evaluation evaluate(List<QcPoint> history, QcPoint current) {
        var results = new ArrayList<RuleResult>(rules.size());
        for (WestgardRule rule : rules) {
            results.add(rule.judge(history, current));
        }
        return new Evaluation(results);
    }

    /** The rules' answers for one value. */
    record Evaluation(List<RuleResult> results) {

        enum Outcome { ACCEPTED, WARNING, REJECTED }

        Outcome outcome() {
            Outcome worst = Outcome.ACCEPTED;
            for (RuleResult r : results) {
                if (r.verdict() == RuleResult.Verdict.REJECT) {
                    return Outcome.REJECTED;
                }
                if (r.verdict() == RuleResult.Verdict.WARNING) {
                    worst = Outcome.WARNING;
                }
            }
            return worst;
        }

        List<RuleResult> violations() {
            return results.stream().filter(RuleResult::violated).toList();
        }

        /** Rejecting rules, e.g. "2-2s, R-4s". */
        String rejectedBy() {
            return results.stream().filter(r -> r.verdict() == RuleResult.Verdict.REJECT).map(RuleResult::rule)
                    .collect(Collectors.joining(", "));
        }

        /** One line per rule, as stored with the value. */
        String summary() {
            return results.stream().map(RuleResult::summary).collect(Collectors.joining("; "));
        }
    }
}
