package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.shared.Interpretation;
import org.lavender.shared.InvalidInputException;

class CodedAnswerTests {

    private final TestDefinition urineGlucose = new TestDefinition(1, "UGLU", "25428-4", "Glucose, urine strip", "UA",
            ResultType.CODED, null, null, "urine", "URINE", List.of("negative", "trace", "1+", "2+", "3+"),
            List.of("trace", "1+", "2+", "3+"), true);

    @Test
    void answersAreMatchedIgnoringCaseAndFlaggedAbnormalWhenTheLabSaysSo() {
        assertThat(CodedAnswer.canonical(" Negative ", urineGlucose)).isEqualTo("negative");
        assertThat(CodedAnswer.flag("negative", urineGlucose.abnormalAnswers())).isEqualTo(Interpretation.N);
        assertThat(CodedAnswer.flag(CodedAnswer.canonical("2+", urineGlucose), urineGlucose.abnormalAnswers()))
                .isEqualTo(Interpretation.A);
    }

    @Test
    void anythingElseIsRefusedWithTheAllowedAnswers() {
        assertThatThrownBy(() -> CodedAnswer.canonical("positive", urineGlucose))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("negative, trace, 1+, 2+, 3+");
        assertThatThrownBy(() -> CodedAnswer.canonical("", urineGlucose)).isInstanceOf(InvalidInputException.class);
    }
}
