package org.lavender.instruments;

import java.nio.charset.Charset;
import java.time.Instant;

/**
 * An order message pushed to an analyzer for one received tube (HL7 OML^O21 or ASTM H/P/O/L), with its delivery
 * state, the number of attempts, when the next is due and the analyzer's acknowledgment.
 */
public record OutboundOrder(long id, long analyzerId, String accession, AnalyzerProtocol protocol, String controlId,
                            byte[] bytes, OutboundState state, String reason, byte[] ack, int attempts,
                            Instant nextAttemptAt, Instant createdAt, Instant updatedAt) {

    /** The message as text, segments or records on their own lines. */
    public String text(Charset charset) {
        return printable(bytes, charset);
    }

    /** The acknowledgment as text, empty while none came. */
    public String ackText(Charset charset) {
        return ack == null ? "" : printable(ack, charset);
    }

    private static String printable(byte[] bytes, Charset charset) {
        return new String(bytes, charset).replace("\r\n", "\n").replace('\r', '\n');
    }
}
