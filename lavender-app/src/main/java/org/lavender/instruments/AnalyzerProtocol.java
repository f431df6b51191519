package org.lavender.instruments;

/** How an analyzer frames and encodes its messages. */
public enum AnalyzerProtocol {
    /** CLSI LIS1-A (ASTM E1381) framing with LIS2-A2 (ASTM E1394) records. */
    ASTM,
    /** HL7 v2 (2.3.1 to 2.6) over MLLP. */
    HL7
}
