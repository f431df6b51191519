package org.lavender.protocols.astm;

/** LIS2-A2 message terminator record (L); L-3 is the termination code (N normal, I no information, ...). */
public record TerminatorRecord(AstmRecord raw, int sequence, String terminationCode) {

    public static TerminatorRecord of(AstmRecord raw) {
        return new TerminatorRecord(raw, raw.sequence(2), raw.text(3).trim());
    }
}
