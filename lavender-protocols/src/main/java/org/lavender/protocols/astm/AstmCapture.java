package org.lavender.protocols.astm;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a stored capture of what an analyzer sent back into record texts, so a message can be parsed again from
 * the raw copy. Framed captures (any STX present) run through a tolerant {@link AstmReceiver}; unframed ones
 * (records only, as some analyzers send and many logs store) are split at CR or LF.
 *
 * @param records the record texts, without CR or LF
 * @param errors  frame errors met on the way; the records of rejected frames are missing
 * @param framed  whether the capture carried E1381 frames
 */
public record AstmCapture(List<byte[]> records, List<LinkEvent.ProtocolError> errors, boolean framed) {

    public AstmCapture {
        records = records.stream().map(byte[]::clone).toList();
        errors = List.copyOf(errors);
    }

    @Override
    public List<byte[]> records() {
        return records.stream().map(byte[]::clone).toList();
    }

    public static AstmCapture read(byte[] capture) {
        for (byte b : capture) {
            if (b == Ascii.STX) {
                return readFramed(capture);
            }
        }
        return new AstmCapture(splitLines(capture), List.of(), false);
    }

    private static AstmCapture readFramed(byte[] capture) {
        AstmReceiver receiver = new AstmReceiver(LinkConfig.lenient());
        Instant at = Instant.EPOCH;
        List<LinkEvent> events = new ArrayList<>(receiver.receive(capture, at).events());
        // A capture may stop without EOT; EOT completes a last frame that has no trailer and a last record.
        events.addAll(receiver.receive(new byte[] {Ascii.EOT}, at).events());
        List<byte[]> records = new ArrayList<>();
        List<LinkEvent.ProtocolError> errors = new ArrayList<>();
        for (LinkEvent event : events) {
            if (event instanceof LinkEvent.RecordReceived r) {
                records.add(r.bytes());
            } else if (event instanceof LinkEvent.ProtocolError e) {
                errors.add(e);
            }
        }
        return new AstmCapture(records, errors, true);
    }

    private static List<byte[]> splitLines(byte[] capture) {
        List<byte[]> records = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (byte b : capture) {
            if (b == Ascii.CR || b == Ascii.LF) {
                addNonEmpty(records, line);
            } else if (b != Ascii.ENQ && b != Ascii.EOT) {
                line.write(b);
            }
        }
        addNonEmpty(records, line);
        return records;
    }

    private static void addNonEmpty(List<byte[]> records, ByteArrayOutputStream line) {
        if (line.size() > 0) {
            records.add(line.toByteArray());
        }
        line.reset();
    }
}
