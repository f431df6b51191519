package org.lavender.catalog.internal;

import java.util.List;
import org.lavender.catalog.ResultType;

/** A test as entered on the new-test form, with the reason that goes into the audit trail. */
record NewTest(String code, String loinc, String name, String section, ResultType resultType, String unit,
               Integer decimals, String specimenType, String containerCode, List<String> answers,
               List<String> abnormalAnswers, String reason) {
}
