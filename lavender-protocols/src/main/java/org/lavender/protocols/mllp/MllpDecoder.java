package org.lavender.protocols.mllp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * MLLP decoder as a state machine (HL7 v2 MLLP: start block VT 0x0B, end block FS 0x1C followed by CR 0x0D).
 * Feed any chunks as they arrive; messages and errors come out in order. It never throws on input and holds at
 * most {@code maxMessageBytes} of payload.
 */
public final class MllpDecoder {

    static final byte VT = 0x0B;
    static final byte FS = 0x1C;
    static final byte CR = 0x0D;

    private enum State { SEEKING_START, IN_MESSAGE, AFTER_FS, DISCARDING }

    private final int maxMessageBytes;
    private final ByteArrayOutputStream payload = new ByteArrayOutputStream();
    private State state = State.SEEKING_START;
    private long unframed;

    public MllpDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 1) {
            throw new IllegalArgumentException("maxMessageBytes must be positive");
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    public List<MllpEvent> decode(byte[] chunk) {
        List<MllpEvent> events = new ArrayList<>();
        int i = 0;
        while (i < chunk.length) {
            if (state == State.IN_MESSAGE) {
                i = copyPayload(chunk, i);
                if (i == chunk.length) {
                    break;
                }
            }
            accept(chunk[i++], events);
        }
        return events;
    }

    // The body of a message is copied in runs up to the next block character, not byte by byte; what would
    // pass the size limit is left for accept(), which reports it.
    private int copyPayload(byte[] chunk, int from) {
        int room = maxMessageBytes - payload.size();
        int end = from;
        int limit = Math.min(chunk.length, from + Math.max(room, 0));
        while (end < limit && chunk[end] != FS && chunk[end] != VT) {
            end++;
        }
        payload.write(chunk, from, end - from);
        return end;
    }

    private void accept(byte b, List<MllpEvent> events) {
        switch (state) {
            case SEEKING_START -> {
                if (b == VT) {
                    reportUnframed(events);
                    start();
                } else {
                    unframed++;
                }
            }
            case DISCARDING -> {
                if (b == VT) {
                    start();
                }
            }
            case IN_MESSAGE -> inMessage(b, events);
            case AFTER_FS -> afterFs(b, events);
        }
    }

    private void inMessage(byte b, List<MllpEvent> events) {
        if (b == FS) {
            state = State.AFTER_FS;
        } else if (b == VT) {
            events.add(new MllpEvent.Error(MllpError.MISSING_END_BLOCK, "start block inside a message; "
                    + payload.size() + " bytes dropped"));
            start();
        } else if (payload.size() >= maxMessageBytes) {
            events.add(new MllpEvent.Error(MllpError.OVERSIZE, "message exceeds " + maxMessageBytes + " bytes"));
            payload.reset();
            state = State.DISCARDING;
        } else {
            payload.write(b);
        }
    }

    private void afterFs(byte b, List<MllpEvent> events) {
        if (b == CR) {
            events.add(new MllpEvent.Message(payload.toByteArray()));
            payload.reset();
            state = State.SEEKING_START;
            return;
        }
        events.add(new MllpEvent.Error(MllpError.BAD_END_BLOCK, String.format("FS followed by 0x%02X, not CR; "
                + "%d bytes dropped", b & 0xFF, payload.size())));
        payload.reset();
        state = State.SEEKING_START;
        if (b == VT) {
            start();
        } else {
            unframed++;
        }
    }

    private void start() {
        payload.reset();
        state = State.IN_MESSAGE;
    }

    private void reportUnframed(List<MllpEvent> events) {
        if (unframed > 0) {
            events.add(new MllpEvent.Error(MllpError.UNFRAMED_BYTES, unframed + " bytes outside a block ignored"));
            unframed = 0;
        }
    }
}
