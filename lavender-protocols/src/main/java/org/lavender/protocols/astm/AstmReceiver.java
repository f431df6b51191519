package org.lavender.protocols.astm;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * The receiving side of LIS1-A as a state machine: answers ENQ and frames with ACK or NAK, joins frames into
 * records and reports everything as {@link LinkEvent}s. It never throws on bad input.
 */
public final class AstmReceiver {

    private enum State { NEUTRAL, AWAITING_FRAME, IN_FRAME, IN_TRAILER }

    private final LinkConfig config;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final ByteArrayOutputStream trailer = new ByteArrayOutputStream();
    private final ByteArrayOutputStream record = new ByteArrayOutputStream();
    private State state = State.NEUTRAL;
    private boolean droppingRecord;
    private int frameLength;
    private byte terminator;
    private int lastNumber;
    private Instant deadline = Instant.MIN;
    private Instant lastByteAt = Instant.MIN;

    public AstmReceiver(LinkConfig config) {
        this.config = Objects.requireNonNull(config);
    }

    /** Feeds bytes read from the wire at {@code now}. */
    public LinkOutput receive(byte[] bytes, Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        for (byte b : bytes) {
            accept(b, now, out);
        }
        return out.build();
    }

    /** Lets time pass: fires the receive timeout and, in tolerant mode, completes frames that carry no checksum. */
    public LinkOutput tick(Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        tick(now, out);
        return out.build();
    }

    public boolean isNeutral() {
        return state == State.NEUTRAL;
    }

    void tick(Instant now, LinkOutput.Builder out) {
        if (config.tolerant() && state == State.IN_TRAILER && trailer.size() == 0
                && !now.isBefore(lastByteAt.plus(config.trailerGrace()))) {
            completeFrame(now, out);
        }
        if (state != State.NEUTRAL && !now.isBefore(deadline)) {
            // LIS1-A 8.5.2: no frame or EOT within 30 s; discard the incomplete message and return to neutral.
            out.event(new LinkEvent.ProtocolError(LinkError.RECEIVE_TIMEOUT, "nothing received for "
                    + config.receiveTimeout().toSeconds() + " s"));
            reset();
        }
    }

    void accept(byte b, Instant now, LinkOutput.Builder out) {
        if (state != State.NEUTRAL) {
            deadline = now.plus(config.receiveTimeout());
        }
        lastByteAt = now;
        switch (state) {
            case NEUTRAL -> neutral(b, now, out);
            case AWAITING_FRAME -> awaitingFrame(b, now, out);
            case IN_FRAME -> inFrame(b, now, out);
            case IN_TRAILER -> inTrailer(b, now, out);
        }
    }

    // LIS1-A 8.2.4: in the neutral state the receiver answers ENQ and ignores everything else.
    private void neutral(byte b, Instant now, LinkOutput.Builder out) {
        if (b == Ascii.ENQ) {
            establish(now);
            out.send(Ascii.ACK);
            out.event(new LinkEvent.Established(false));
        } else if (b == Ascii.STX && config.tolerant()) {
            establish(now);
            out.event(new LinkEvent.Established(true));
            startFrame();
        }
    }

    private void establish(Instant now) {
        reset();
        state = State.AWAITING_FRAME;
        deadline = now.plus(config.receiveTimeout());
    }

    private void awaitingFrame(byte b, Instant now, LinkOutput.Builder out) {
        if (b == Ascii.STX) {
            startFrame();
        } else if (b == Ascii.EOT) {
            terminate(out);
        } else if (b == Ascii.ENQ) {
            // The sender started over (it missed our reply): a new transfer.
            establish(now);
            out.send(Ascii.ACK);
            out.event(new LinkEvent.Established(false));
        }
    }

    private void inFrame(byte b, Instant now, LinkOutput.Builder out) {
        if (b == Ascii.STX || b == Ascii.EOT) {
            // The frame broke off; the sender times out and repeats it or gives up (LIS1-A 8.5.1).
            out.event(new LinkEvent.ProtocolError(LinkError.TRUNCATED_FRAME, "frame interrupted by "
                    + (b == Ascii.STX ? "STX" : "EOT") + " after " + frameLength + " bytes"));
            state = State.AWAITING_FRAME;
            awaitingFrame(b, now, out);
            return;
        }
        frameLength++;
        if (b == Ascii.ETX || b == Ascii.ETB) {
            terminator = b;
            state = State.IN_TRAILER;
        } else if (frameLength <= config.frameLimit()) {
            body.write(b);
        }
    }

    private void inTrailer(byte b, Instant now, LinkOutput.Builder out) {
        if (config.tolerant()) {
            if (b == Ascii.CR || b == Ascii.LF) {
                trailer.write(b);
                completeFrame(now, out);
            } else if (Ascii.isHex(b) && trailer.size() < 2) {
                trailer.write(b);
                frameLength++;
            } else {
                completeFrame(now, out);
                accept(b, now, out);
            }
            return;
        }
        trailer.write(b);
        frameLength++;
        if (b == Ascii.LF || trailer.size() == 4) {
            completeFrame(now, out);
        }
    }

    private void startFrame() {
        body.reset();
        trailer.reset();
        frameLength = 1;
        state = State.IN_FRAME;
    }

    private void completeFrame(Instant now, LinkOutput.Builder out) {
        state = State.AWAITING_FRAME;
        deadline = now.plus(config.receiveTimeout());
        if (frameLength > config.frameLimit()) {
            reject(out, LinkError.FRAME_TOO_LONG, frameLength + " > " + config.frameLimit() + " characters");
            return;
        }
        Frame frame;
        try {
            frame = Frame.validate(body.toByteArray(), terminator, trailer.toByteArray(), config.tolerant());
        } catch (FrameException e) {
            reject(out, e.error(), e.getMessage());
            return;
        }
        if (!config.tolerant()) {
            int expected = (lastNumber + 1) % 8;
            if (frame.number() == lastNumber) {
                // LIS1-A 8.3.4: a repeat of the last accepted frame (our ACK was lost) is acknowledged and dropped.
                out.send(Ascii.ACK);
                return;
            }
            if (frame.number() != expected) {
                reject(out, LinkError.WRONG_FRAME_NUMBER, "expected " + expected + ", received " + frame.number());
                return;
            }
        }
        if (frame.hasNumber()) {
            lastNumber = frame.number();
        }
        out.send(Ascii.ACK);
        out.event(new LinkEvent.FrameAccepted(frame));
        appendText(frame.text(), out);
    }

    private void reject(LinkOutput.Builder out, LinkError error, String detail) {
        out.send(Ascii.NAK);
        out.event(new LinkEvent.ProtocolError(error, detail));
    }

    // LIS2-A2 / LIS1-A 8.3.2: a record ends with CR; ETB frames continue the record in the next frame.
    private void appendText(byte[] text, LinkOutput.Builder out) {
        for (byte b : text) {
            if (b == Ascii.CR || (b == Ascii.LF && config.tolerant())) {
                emitRecord(out);
            } else if (record.size() < config.maxRecordBytes()) {
                record.write(b);
            } else if (!droppingRecord) {
                droppingRecord = true;
                out.event(new LinkEvent.ProtocolError(LinkError.RECORD_TOO_LONG, "record exceeds "
                        + config.maxRecordBytes() + " bytes; dropped"));
            }
        }
    }

    private void emitRecord(LinkOutput.Builder out) {
        if (record.size() > 0 && !droppingRecord) {
            out.event(new LinkEvent.RecordReceived(record.toByteArray()));
        }
        record.reset();
        droppingRecord = false;
    }

    private void terminate(LinkOutput.Builder out) {
        if (record.size() > 0 && !droppingRecord) {
            if (config.tolerant()) {
                emitRecord(out);
            } else {
                out.event(new LinkEvent.ProtocolError(LinkError.INCOMPLETE_RECORD, "EOT after an ETB frame; "
                        + record.size() + " bytes dropped"));
            }
        }
        out.event(new LinkEvent.Terminated());
        reset();
    }

    private void reset() {
        state = State.NEUTRAL;
        body.reset();
        trailer.reset();
        record.reset();
        droppingRecord = false;
        frameLength = 0;
        lastNumber = 0;
    }
}
