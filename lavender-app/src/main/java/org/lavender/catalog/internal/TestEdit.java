package org.lavender.catalog.internal;

import java.util.List;

/** The editable fields of a test as submitted, with the version the form was read at and the reason. */
record TestEdit(int version, String name, String unit, Integer decimals, String specimenType, String containerCode,
                List<String> answers, List<String> abnormalAnswers, boolean active, String reason) {
}
