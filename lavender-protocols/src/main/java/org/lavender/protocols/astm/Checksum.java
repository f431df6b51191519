package org.lavender.protocols.astm;

import java.util.Locale;

/**
 * Frame checksum: LIS1-A 8.3.3, the sum of the bytes from the frame number up to and including ETX or ETB,
 * modulo 256, sent as two uppercase hexadecimal characters.
 */
public record Checksum(int value) {

    public Checksum {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("checksum out of range: " + value);
        }
    }

    /** Checksum of {@code bytes[from, to)}. */
    public static Checksum of(byte[] bytes, int from, int to) {
        int sum = 0;
        for (int i = from; i < to; i++) {
            sum += bytes[i] & 0xFF;
        }
        return new Checksum(sum & 0xFF);
    }

    /** Parses the two checksum characters; lowercase is accepted only when {@code tolerant}. */
    static Checksum parse(byte high, byte low, boolean tolerant) {
        boolean valid = tolerant ? Ascii.isHex(high) && Ascii.isHex(low) : Ascii.isUpperHex(high) && Ascii.isUpperHex(low);
        if (!valid) {
            throw new FrameException(LinkError.BAD_CHECKSUM, "checksum characters are not hex: "
                    + printable(high) + printable(low));
        }
        return new Checksum(Integer.parseInt(new String(new char[] {(char) high, (char) low}), 16));
    }

    public String text() {
        return String.format(Locale.ROOT, "%02X", value);
    }

    public byte[] bytes() {
        String text = text();
        return new byte[] {(byte) text.charAt(0), (byte) text.charAt(1)};
    }

    static String printable(byte b) {
        int v = b & 0xFF;
        return v >= 0x20 && v < 0x7F ? String.valueOf((char) v) : String.format(Locale.ROOT, "<%02X>", v);
    }
}
