package org.lavender.protocols.astm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One LIS1-A frame: {@code STX FN text ETX|ETB C1 C2 CR LF} (LIS1-A 8.3.1).
 *
 * @param number frame number 0..7, or {@link #NO_NUMBER} for analyzers that leave it out (tolerant mode)
 * @param text   the frame text between the frame number and ETX/ETB
 * @param last   true for an end frame (ETX), false for an intermediate frame (ETB)
 */
public record Frame(int number, byte[] text, boolean last) {

    /** Frame number of a frame that carried none. */
    public static final int NO_NUMBER = -1;
    /** LIS1-A 8.3.1: a frame is at most 247 characters, the overhead STX FN ETX C1 C2 CR LF included. */
    public static final int MAX_FRAME_LENGTH = 247;
    /** Text characters that fit into one frame of {@link #MAX_FRAME_LENGTH}. */
    public static final int MAX_TEXT_LENGTH = MAX_FRAME_LENGTH - 7;

    public Frame {
        if (number < NO_NUMBER || number > 7) {
            throw new IllegalArgumentException("frame number must be 0..7: " + number);
        }
        text = text.clone();
    }

    @Override
    public byte[] text() {
        return text.clone();
    }

    public boolean hasNumber() {
        return number != NO_NUMBER;
    }

    /** The wire bytes of this frame with its computed checksum. */
    public byte[] encode() {
        if (!hasNumber()) {
            throw new IllegalStateException("a frame is only sent with a frame number (LIS1-A 8.3.1)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 7);
        out.write(Ascii.STX);
        out.write('0' + number);
        out.writeBytes(text);
        out.write(last ? Ascii.ETX : Ascii.ETB);
        byte[] wire = out.toByteArray();
        out.writeBytes(Checksum.of(wire, 1, wire.length).bytes());
        out.write(Ascii.CR);
        out.write(Ascii.LF);
        return out.toByteArray();
    }

    /** Decodes one complete frame as it came off the wire, or throws a typed {@link FrameException}. */
    public static Frame decode(byte[] wire, boolean tolerant) {
        if (wire.length == 0 || wire[0] != Ascii.STX) {
            throw new FrameException(LinkError.TRUNCATED_FRAME, "frame does not start with STX");
        }
        if (!tolerant && wire.length > MAX_FRAME_LENGTH) {
            throw new FrameException(LinkError.FRAME_TOO_LONG, wire.length + " > " + MAX_FRAME_LENGTH + " characters");
        }
        int end = 1;
        while (end < wire.length && wire[end] != Ascii.ETX && wire[end] != Ascii.ETB) {
            end++;
        }
        if (end == wire.length) {
            throw new FrameException(LinkError.TRUNCATED_FRAME, "no ETX or ETB");
        }
        return validate(Arrays.copyOfRange(wire, 1, end), wire[end], Arrays.copyOfRange(wire, end + 1, wire.length),
                tolerant);
    }

    /**
     * Checks a received frame, given the bytes between STX and ETX/ETB, the terminator and the bytes after it.
     * Strict mode wants {@code C1 C2 CR LF}; tolerant mode also takes CR or LF alone and no checksum at all.
     */
    static Frame validate(byte[] body, byte terminator, byte[] trailer, boolean tolerant) {
        if (body.length == 0) {
            throw new FrameException(LinkError.TRUNCATED_FRAME, "empty frame");
        }
        int number = frameNumber(body[0], tolerant);
        int textStart = number == NO_NUMBER ? 0 : 1;
        checkCharacters(body, textStart, tolerant);
        int checksumChars = checksumCharacters(trailer, tolerant);
        if (checksumChars == 2) {
            byte[] summed = Arrays.copyOf(body, body.length + 1);
            summed[body.length] = terminator;
            Checksum expected = Checksum.of(summed, 0, summed.length);
            Checksum actual = Checksum.parse(trailer[0], trailer[1], tolerant);
            if (!expected.equals(actual)) {
                throw new FrameException(LinkError.BAD_CHECKSUM, "received " + actual.text() + ", computed "
                        + expected.text());
            }
        } else if (!tolerant) {
            throw new FrameException(LinkError.BAD_CHECKSUM, "no checksum");
        }
        return new Frame(number, Arrays.copyOfRange(body, textStart, body.length), terminator == Ascii.ETX);
    }

    private static int frameNumber(byte first, boolean tolerant) {
        if (first >= '0' && first <= '7') {
            return first - '0';
        }
        if (tolerant && !(first >= '8' && first <= '9')) {
            return NO_NUMBER;
        }
        throw new FrameException(LinkError.WRONG_FRAME_NUMBER, "no frame number 0..7 but " + Checksum.printable(first));
    }

    // LIS1-A 8.6: control characters are restricted in frame text; tolerant mode lets LF through.
    private static void checkCharacters(byte[] body, int from, boolean tolerant) {
        for (int i = from; i < body.length; i++) {
            byte b = body[i];
            boolean restricted = b == Ascii.STX || b == Ascii.EOT || b == Ascii.ENQ || b == Ascii.ACK
                    || b == Ascii.NAK || b == 0x01 || b == 0x10 || b == 0x16 || (b >= 0x11 && b <= 0x14)
                    || (!tolerant && b == Ascii.LF);
            if (restricted) {
                throw new FrameException(LinkError.ILLEGAL_CHARACTER, "control character " + Checksum.printable(b)
                        + " at offset " + i);
            }
        }
    }

    /** Returns 2 when the trailer carries a checksum, 0 when it carries none (tolerant mode only). */
    private static int checksumCharacters(byte[] trailer, boolean tolerant) {
        if (!tolerant) {
            if (trailer.length != 4 || trailer[2] != Ascii.CR || trailer[3] != Ascii.LF) {
                throw new FrameException(LinkError.TRUNCATED_FRAME, "trailer is not C1 C2 CR LF");
            }
            return 2;
        }
        int hex = 0;
        while (hex < trailer.length && hex < 2 && Ascii.isHex(trailer[hex])) {
            hex++;
        }
        if (hex == 1) {
            throw new FrameException(LinkError.TRUNCATED_FRAME, "one checksum character only");
        }
        for (int i = hex; i < trailer.length; i++) {
            boolean lineEnd = (trailer[i] == Ascii.CR && i == hex) || trailer[i] == Ascii.LF && i == trailer.length - 1;
            if (!lineEnd) {
                throw new FrameException(LinkError.TRUNCATED_FRAME, "unexpected " + Checksum.printable(trailer[i])
                        + " after ETX/ETB");
            }
        }
        return hex;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame f && f.number == number && f.last == last && Arrays.equals(f.text, text);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * number + Boolean.hashCode(last)) + Arrays.hashCode(text);
    }

    @Override
    public String toString() {
        return "Frame[" + number + (last ? ",ETX," : ",ETB,") + new String(text, StandardCharsets.ISO_8859_1) + "]";
    }
}
