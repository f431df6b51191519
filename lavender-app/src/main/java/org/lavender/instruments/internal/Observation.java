package org.lavender.instruments.internal;

import java.time.Instant;
import java.util.List;

/**
 * One measurement read from an analyzer message, before mapping: the specimen id as sent (accession for a patient
 * tube, control lot for QC), the instrument's code, value, unit and flags.
 *
 * @param seq position in the message (1-based), stable across re-parsing of the stored bytes
 */
record Observation(int seq, String specimenId, boolean qc, String instrumentCode, String valueText, String unit,
                   List<String> flags, Instant observedAt) {

    Observation {
        flags = List.copyOf(flags);
        specimenId = specimenId == null ? "" : specimenId.strip();
        instrumentCode = instrumentCode == null ? "" : instrumentCode.strip();
        valueText = valueText == null ? "" : valueText.strip();
        unit = unit == null ? "" : unit.strip();
    }
}
