package org.lavender.protocols.astm;

import java.util.List;

/** LIS2-A2 comment record (C); it qualifies the record before it. */
public record CommentRecord(AstmRecord raw, int sequence, String commentSource, List<String> text,
        String commentType) {

    public CommentRecord {
        text = List.copyOf(text);
    }

    public static CommentRecord of(AstmRecord raw) {
        // C-3 comment source (P practice, L computer, I instrument), C-4 comment text, C-5 comment type.
        return new CommentRecord(raw, raw.sequence(2), raw.text(3).trim(), raw.components(4), raw.text(5).trim());
    }
}
