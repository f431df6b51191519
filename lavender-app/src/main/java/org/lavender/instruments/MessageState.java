package org.lavender.instruments;

/** Where a stored analyzer message is. */
public enum MessageState {
    /** Stored and acknowledged; not yet parsed. */
    RECEIVED,
    /** Parsed; its results are on their way to the results module. */
    PARSED,
    /** Every result filed (or deliberately ignored), every query answered. */
    FILED,
    /** Content could not be filed (unmapped code, unknown accession, released result...): a dead letter. */
    ERROR,
    /** Refused on the wire (bad frame, garbage, oversize, stalled sender); kept for the record. */
    REJECTED,
    /** A repeat of an earlier message (same sender and control id, or same ASTM session and records). */
    DUPLICATE;

    public boolean deadLetter() {
        return this == ERROR || this == REJECTED;
    }
}
