package org.lavender.protocols.astm;

import java.time.Instant;
import java.util.List;

/**
 * One end of a half-duplex LIS1-A connection: a {@link AstmReceiver} and a {@link AstmSender} sharing the
 * line. Replies the sender waits for go to the sender, everything else to the receiver; the sender bids only
 * while the receiver is neutral.
 */
public final class AstmLink {

    private final AstmReceiver receiver;
    private final AstmSender sender;

    public AstmLink(Role role, LinkConfig config) {
        this.receiver = new AstmReceiver(config);
        this.sender = new AstmSender(role, config);
    }

    /** Feeds bytes read from the line. */
    public LinkOutput receive(byte[] bytes, Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        for (byte b : bytes) {
            if (sender.expectsReply()) {
                sender.accept(b, now, out);
            } else {
                receiver.accept(b, now, out);
            }
        }
        return out.build();
    }

    /** Queues a message for sending; the ENQ goes out now if the line is free. */
    public LinkOutput send(List<byte[]> records, Instant now) {
        sender.enqueue(records);
        return tick(now);
    }

    /** True when nothing is being received, sent or waiting to be sent: a new message would bid for the line now. */
    public boolean isIdle() {
        return receiver.isNeutral() && sender.isIdle();
    }

    /** Lets time pass on both sides. */
    public LinkOutput tick(Instant now) {
        LinkOutput.Builder out = new LinkOutput.Builder();
        receiver.tick(now, out);
        sender.tick(now, !receiver.isNeutral(), out);
        return out.build();
    }
}
