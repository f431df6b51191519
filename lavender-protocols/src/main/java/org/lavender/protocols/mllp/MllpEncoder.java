package org.lavender.protocols.mllp;

import java.io.ByteArrayOutputStream;

/** Frames an HL7 message for MLLP: {@code VT payload FS CR}. */
public final class MllpEncoder {

    private MllpEncoder() {
    }

    /** @throws IllegalArgumentException when the payload holds VT or FS, which MLLP cannot carry */
    public static byte[] encode(byte[] payload) {
        for (byte b : payload) {
            if (b == MllpDecoder.VT || b == MllpDecoder.FS) {
                throw new IllegalArgumentException("MLLP payload must not contain VT (0x0B) or FS (0x1C)");
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 3);
        out.write(MllpDecoder.VT);
        out.writeBytes(payload);
        out.write(MllpDecoder.FS);
        out.write(MllpDecoder.CR);
        return out.toByteArray();
    }
}
