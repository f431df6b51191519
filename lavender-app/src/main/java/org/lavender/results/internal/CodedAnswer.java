package org.lavender.results.internal;

import java.util.List;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

/** A coded result must be one of the test's answers; answers the lab marks abnormal are flagged A. */
final class CodedAnswer {

    private CodedAnswer() {
    }

    static String canonical(String text, TestDefinition test) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("value", "Choose an answer for " + test.name());
        }
        String t = text.strip();
        for (String answer : test.answers()) {
            if (answer.equalsIgnoreCase(t)) {
                return answer;
            }
        }
        throw new InvalidInputException("value", "'" + t + "' is not an answer of " + test.name() + "; use one of "
                + String.join(", ", test.answers()));
    }

    static Interpretation flag(String canonicalAnswer, List<String> abnormalAnswers) {
        return abnormalAnswers.stream().anyMatch(a -> a.equalsIgnoreCase(canonicalAnswer))
                ? Interpretation.A : Interpretation.N;
    }
}
