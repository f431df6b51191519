package org.lavender.protocols.astm;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;

/**
 * The sending side of LIS1-A as a state machine: establishment with ENQ, frame transfer with retransmission on
 * NAK, termination with EOT, timeouts and contention. Messages are queued and sent one transfer each.
 */
public final class AstmSender {

    private enum State { NEUTRAL, AWAITING_ENQ_REPLY, WAITING_TO_BID, AWAITING_FRAME_REPLY, YIELDED }

    private final Role role;
    private final LinkConfig config;
    private final FrameEncoder encoder = new FrameEncoder();
    private final Deque<List<Frame>> queue = new ArrayDeque<>();
    private State state = State.NEUTRAL;
    private int index;
    private int attempts;
    private Instant deadline = Instant.MIN;

    public AstmSender(Role role, LinkConfig config) {
        this.role = Objects.requireNonNull(role);
        this.config = Objects.requireNonNull(config);
    }

    /** Queues a message (record texts without CR) and bids for the line with ENQ if it is free. */
    public LinkOutput send(List<byte[]> records, Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        enqueue(records);
        tick(now, false, out);
        return out.build();
    }

    /** Feeds the bytes the other side replied with. */
    public LinkOutput receive(byte[] bytes, Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        for (byte b : bytes) {
            accept(b, now, out);
        }
        return out.build();
    }

    /** Lets time pass: reply timeouts, the wait after NAK or contention, and the start of queued messages. */
    public LinkOutput tick(Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        tick(now, false, out);
        return out.build();
    }

    public boolean isIdle() {
        return state == State.NEUTRAL && queue.isEmpty();
    }

    void enqueue(List<byte[]> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one record");
        }
        queue.add(encoder.encode(records));
    }

    /** True while the next byte from the line is a reply meant for the sender. */
    boolean expectsReply() {
        return state == State.AWAITING_ENQ_REPLY || state == State.AWAITING_FRAME_REPLY;
    }

    void tick(Instant now, boolean lineBusy, LinkOutput.Builder out) {
        boolean due = !now.isBefore(deadline);
        switch (state) {
            case NEUTRAL -> {
                if (!queue.isEmpty() && !lineBusy) {
                    bid(now, out);
                }
            }
            case WAITING_TO_BID, YIELDED -> {
                if (due && !lineBusy) {
                    bid(now, out);
                }
            }
            case AWAITING_ENQ_REPLY, AWAITING_FRAME_REPLY -> {
                if (due) {
                    // LIS1-A 8.5.1: no reply within 15 s; the sender aborts with EOT.
                    abort(LinkError.REPLY_TIMEOUT, "no reply within " + config.replyTimeout().toSeconds() + " s",
                            out);
                }
            }
        }
    }

    void accept(byte b, Instant now, LinkOutput.Builder out) {
        if (state == State.AWAITING_ENQ_REPLY) {
            onEnqReply(b, now, out);
        } else if (state == State.AWAITING_FRAME_REPLY) {
            onFrameReply(b, now, out);
        }
    }

    private void bid(Instant now, LinkOutput.Builder out) {
        out.send(Ascii.ENQ);
        state = State.AWAITING_ENQ_REPLY;
        deadline = now.plus(config.replyTimeout());
    }

    private void onEnqReply(byte b, Instant now, LinkOutput.Builder out) {
        if (b == Ascii.ACK) {
            out.event(new LinkEvent.Established(false));
            index = 0;
            attempts = 0;
            sendFrame(now, out);
        } else if (b == Ascii.NAK) {
            // LIS1-A 8.2.6: the receiver is busy; wait at least 10 s before the next ENQ.
            waitToBid(now.plus(config.enqRetryDelay()));
        } else if (b == Ascii.ENQ) {
            // LIS1-A 8.2.7.1: contention. The instrument keeps priority and bids again after 1 s;
            // the computer stops, prepares to receive and bids only when the line is free again.
            out.event(new LinkEvent.ProtocolError(LinkError.CONTENTION, role == Role.INSTRUMENT
                    ? "both sides sent ENQ; instrument repeats its ENQ" : "both sides sent ENQ; computer yields"));
            if (role == Role.INSTRUMENT) {
                waitToBid(now.plus(config.instrumentContentionDelay()));
            } else {
                state = State.YIELDED;
                deadline = now.plus(config.computerContentionDelay());
            }
        }
    }

    private void onFrameReply(byte b, Instant now, LinkOutput.Builder out) {
        if (b == Ascii.ACK || b == Ascii.EOT) {
            if (b == Ascii.EOT) {
                out.event(new LinkEvent.ReceiverInterrupt());
            }
            index++;
            attempts = 0;
            List<Frame> frames = queue.peek();
            if (index < frames.size()) {
                sendFrame(now, out);
            } else {
                // LIS1-A 8.4: all frames acknowledged, EOT returns the line to neutral.
                queue.poll();
                out.send(Ascii.EOT);
                out.event(new LinkEvent.TransferCompleted());
                state = State.NEUTRAL;
            }
        } else if (b == Ascii.NAK) {
            if (attempts >= config.maxAttempts()) {
                // LIS1-A 8.3.5: after six failed attempts the sender aborts the message.
                abort(LinkError.RETRIES_EXHAUSTED, "frame " + queue.peek().get(index).number() + " refused "
                        + attempts + " times", out);
            } else {
                sendFrame(now, out);
            }
        }
    }

    private void sendFrame(Instant now, LinkOutput.Builder out) {
        out.send(queue.peek().get(index).encode());
        attempts++;
        state = State.AWAITING_FRAME_REPLY;
        deadline = now.plus(config.replyTimeout());
    }

    private void waitToBid(Instant at) {
        state = State.WAITING_TO_BID;
        deadline = at;
    }

    private void abort(LinkError error, String detail, LinkOutput.Builder out) {
        out.send(Ascii.EOT);
        out.event(new LinkEvent.ProtocolError(error, detail + "; message dropped"));
        queue.poll();
        state = State.NEUTRAL;
        deadline = Instant.MIN;
    }
}
