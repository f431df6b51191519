package org.lavender.protocols.astm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds wire bytes for tests: {@code <STX>}, {@code <ETX>}, ... tokens and plain text. */
final class Wire {

    private Wire() {
    }

    static byte[] of(String spec) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String text = spec.replace("<STX>", "\u0002").replace("<ETX>", "\u0003").replace("<EOT>", "\u0004")
                .replace("<ENQ>", "\u0005").replace("<ACK>", "\u0006").replace("<LF>", "\n").replace("<CR>", "\r")
                .replace("<NAK>", "\u0015").replace("<ETB>", "\u0017");
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    static String show(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1).replace("\u0002", "<STX>").replace("\u0003", "<ETX>")
                .replace("\u0004", "<EOT>").replace("\u0005", "<ENQ>").replace("\u0006", "<ACK>")
                .replace("\n", "<LF>").replace("\r", "<CR>").replace("\u0015", "<NAK>").replace("\u0017", "<ETB>");
    }

    /** A correctly framed frame with computed checksum. */
    static byte[] frame(int number, String text, boolean last) {
        return new Frame(number, text.getBytes(StandardCharsets.ISO_8859_1), last).encode();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
