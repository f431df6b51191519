package org.lavender.protocols.astm;

import java.nio.charset.Charset;
import java.util.Arrays;

/** What happened on the link, as reported by {@link AstmReceiver}, {@link AstmSender} and {@link AstmLink}. */
public sealed interface LinkEvent {

    /** A transfer began: ENQ answered with ACK, or (tolerant mode) a frame arrived without ENQ. */
    record Established(boolean implicit) implements LinkEvent {
    }

    /** A frame passed all checks and was acknowledged. */
    record FrameAccepted(Frame frame) implements LinkEvent {
    }

    /** One complete record (frames joined, the CR removed). */
    record RecordReceived(byte[] bytes) implements LinkEvent {
        public RecordReceived {
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        public String text(Charset charset) {
            return new String(bytes, charset);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof RecordReceived r && Arrays.equals(r.bytes, bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "RecordReceived[" + new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1) + "]";
        }
    }

    /** The sender ended the transfer with EOT; the link is neutral again (LIS1-A 8.4). */
    record Terminated() implements LinkEvent {
    }

    /** Every frame of a message was acknowledged and EOT was sent. */
    record TransferCompleted() implements LinkEvent {
    }

    /** The receiver answered a frame with EOT: a request to stop soon (LIS1-A 8.3.6); taken as ACK. */
    record ReceiverInterrupt() implements LinkEvent {
    }

    /** A broken protocol rule; the link has already answered (NAK, EOT or silence) as the standard asks. */
    record ProtocolError(LinkError error, String detail) implements LinkEvent {
    }
}
