package org.lavender.catalog;

import java.util.List;

/**
 * One orderable, resultable test (an analyte), e.g. potassium, LOINC 2823-3, mmol/L, chemistry, gold SST.
 * {@code code} is the lab's own short code; {@code loinc} the LOINC code, null for a test whose LOINC code the lab
 * has not confirmed (e.g. an analyzer's hemolysis index, sent under the analyzer's own code). {@code decimals} is
 * the reporting precision of numeric results. {@code answers} lists allowed answers of a coded test and
 * {@code abnormalAnswers} those that are flagged A.
 */
public record TestDefinition(long id, String code, String loinc, String name, String section, ResultType resultType,
                             String unit, Integer decimals, String specimenType, String containerCode,
                             List<String> answers, List<String> abnormalAnswers, boolean active) {

    public boolean numeric() {
        return resultType == ResultType.NUMERIC;
    }
}
