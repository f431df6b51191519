package org.lavender.protocols.astm;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** LIS2-A2 message header record (H). */
public record HeaderRecord(AstmRecord raw, String messageControlId, List<String> sender, String receiverId,
        String processingId, String version, Optional<LocalDateTime> timestamp) {

    public HeaderRecord {
        sender = List.copyOf(sender);
    }

    public static HeaderRecord of(AstmRecord raw) {
        // H-3 message control id, H-5 sender name or id, H-10 receiver id, H-12 processing id (P, T, D, Q),
        // H-13 version, H-14 date and time of message.
        return new HeaderRecord(raw, raw.text(3), raw.components(5), raw.text(10), raw.text(12).trim(),
                raw.text(13), raw.timestamp(14));
    }

    public Delimiters delimiters() {
        return raw.delimiters();
    }

    /** The sending instrument's name: first non-blank component of H-5, trimmed. */
    public String senderName() {
        return sender.stream().map(String::trim).filter(s -> !s.isEmpty()).findFirst().orElse("");
    }

    /** H-12 {@code Q}: quality control results. */
    public boolean isQualityControl() {
        return processingId.equalsIgnoreCase("Q");
    }
}
