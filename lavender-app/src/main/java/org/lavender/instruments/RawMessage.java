package org.lavender.instruments;

import java.nio.charset.Charset;
import java.time.Instant;

/** A message as the analyzer sent it, with where it came from and what became of it. */
public record RawMessage(long id, long analyzerId, String analyzerName, AnalyzerProtocol protocol,
                         String connectionId, String peer, Instant receivedAt, byte[] bytes, MessageState state,
                         String reason, Long duplicateOf) {

    /** The text in the analyzer's encoding with control characters shown as {@code <CR>}, {@code <STX>}... */
    public String printable(Charset charset) {
        String text = new String(bytes, charset);
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("<CR>\n");
                case '\n' -> out.append("<LF>");
                case 0x02 -> out.append("<STX>");
                case 0x03 -> out.append("<ETX>");
                case 0x04 -> out.append("<EOT>");
                case 0x05 -> out.append("<ENQ>");
                case 0x0B -> out.append("<VT>");
                case 0x17 -> out.append("<ETB>");
                case 0x1C -> out.append("<FS>");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        out.append(String.format("<%02X>", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
