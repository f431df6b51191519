package org.lavender.instruments;

import java.time.Instant;
import java.util.List;

/**
 * An analyzer measured a control material (HL7 SPM-11 = Q with SPM-2 = lot, ASTM H-12 = Q or O-12 = Q with O-3 =
 * control id). For the QC module; never a patient result.
 */
public record QcResultReceived(long qcResultId, long rawMessageId, String analyzer, String controlId,
                               String testCode, String instrumentCode, String valueText, String unit,
                               List<String> instrumentFlags, Instant observedAt) {

    public QcResultReceived {
        instrumentFlags = List.copyOf(instrumentFlags);
    }
}
