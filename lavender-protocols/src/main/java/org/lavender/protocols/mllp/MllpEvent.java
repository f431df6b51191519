package org.lavender.protocols.mllp;

import java.nio.charset.Charset;
import java.util.Arrays;

/** Output of {@link MllpDecoder}: a complete message or a typed framing error. */
public sealed interface MllpEvent {

    /** One HL7 message, the payload between VT and FS CR. */
    record Message(byte[] payload) implements MllpEvent {
        public Message {
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        public String text(Charset charset) {
            return new String(payload, charset);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Message m && Arrays.equals(m.payload, payload);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Message[" + payload.length + " bytes]";
        }
    }

    /** A framing problem; the decoder has already resynchronised. */
    record Error(MllpError error, String detail) implements MllpEvent {
    }
}
