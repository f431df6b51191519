package org.lavender.instruments.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.OutboundOrder;
import org.lavender.protocols.astm.AstmLink;
import org.lavender.protocols.astm.AstmMessage;
import org.lavender.protocols.astm.AstmMessageParser;
import org.lavender.protocols.astm.AstmProtocolException;
import org.lavender.protocols.astm.LinkConfig;
import org.lavender.protocols.astm.LinkError;
import org.lavender.protocols.astm.LinkEvent;
import org.lavender.protocols.astm.LinkOutput;
import org.lavender.protocols.astm.QueryRecord;
import org.lavender.protocols.astm.Role;

/**
 * One ASTM connection, Lavender as the computer system (LIS1-A). Frames are checked by the link state machine
 * (bad ones NAKed and stored as REJECTED). When the L record of a message arrives, the transfer's bytes are
 * stored and committed before the ACK of that last frame goes out; the message is then filed, and host queries
 * are answered once the analyzer has released the line (EOT). For an analyzer with order push, the line's idle
 * moments send its due order messages; one is delivered when every frame was acknowledged, and tried again later
 * when the transfer fails or the connection ends first.
 */
final class AstmSession {

    private static final Set<LinkError> SENDER_ABORTS = EnumSet.of(LinkError.REPLY_TIMEOUT,
            LinkError.RETRIES_EXHAUSTED);

    private final Intake intake;
    private final Analyzer analyzer;
    private final RawStore.Connection connection;
    private final Charset charset;
    private final AstmLink link = new AstmLink(Role.COMPUTER, LinkConfig.strict());
    private final ByteArrayOutputStream transfer = new ByteArrayOutputStream();
    private final List<byte[]> records = new ArrayList<>();
    private final List<StoredTransfer> toFile = new ArrayList<>();
    private final List<List<String>> replies = new ArrayList<>();
    // What each transfer handed to the link carries, in order: an order message, or a host query reply (empty).
    private final Deque<Optional<OutboundOrder>> sending = new ArrayDeque<>();
    private final ConnectionOrders orders;
    private Instant messageStartedAt;
    private boolean oversize;

    AstmSession(Intake intake, Analyzer analyzer, RawStore.Connection connection) {
        this.intake = intake;
        this.analyzer = analyzer;
        this.connection = connection;
        this.charset = Charset.forName(analyzer.encoding());
        this.orders = new ConnectionOrders(intake, analyzer, connection);
    }

    /** Serves one line (socket or serial port); a read that times out is a quiet tick. */
    void serve(InputStream in, OutputStream out) throws IOException {
        try {
            serveLine(in, out);
        } finally {
            for (Optional<OutboundOrder> order : sending) {
                order.ifPresent(o -> orders.undelivered(o, "the connection ended before the transfer was"
                        + " complete"));
            }
        }
    }

    private void serveLine(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[8192];
        Instant lastByte = intake.clock.instant();
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (InterruptedIOException quiet) {
                n = 0;
            }
            Instant now = intake.clock.instant();
            if (n < 0) {
                if (transfer.size() > 0) {
                    reject(transfer.toByteArray(), "connection closed in the middle of a message");
                }
                return;
            }
            LinkOutput output;
            byte[] chunk = Arrays.copyOf(buffer, Math.max(n, 0));
            if (n > 0) {
                lastByte = now;
                output = link.receive(chunk, now);
            } else {
                output = link.tick(now);
            }
            handle(output, chunk, now);
            write(out, output.toSend());
            fileAndAnswer(out, now);
            if (n > 0) {
                // The line may just have become free (EOT): a queued host query reply bids for it now.
                LinkOutput bid = link.tick(now);
                handle(bid, new byte[0], now);
                write(out, bid.toSend());
            }
            pushOrder(out, now);
            if (stalled(now, lastByte)) {
                return;
            }
        }
    }

    private void handle(LinkOutput output, byte[] chunk, Instant now) {
        boolean refused = !output.events(LinkEvent.ProtocolError.class).isEmpty();
        if (!refused && chunk.length > 0 && transfer.size() + chunk.length <= intake.limits.maxMessageBytes()) {
            transfer.writeBytes(chunk);
        } else if (!refused && chunk.length > 0) {
            oversize = true;
        }
        for (LinkEvent event : output.events()) {
            if (event instanceof LinkEvent.Established) {
                startTransfer(now);
                messageStartedAt = now;
            } else if (event instanceof LinkEvent.RecordReceived record) {
                byte[] bytes = record.bytes();
                records.add(bytes);
                if (bytes.length > 0 && (bytes[0] == 'L' || bytes[0] == 'l')) {
                    completeMessage(now);
                }
            } else if (event instanceof LinkEvent.ProtocolError error && SENDER_ABORTS.contains(error.error())) {
                // Our own message was dropped (no reply, or a frame refused six times): nothing received to keep.
                Optional<OutboundOrder> dropped = sending.poll();
                String reason = "ASTM " + error.error() + ": " + error.detail();
                intake.live.of(analyzer.id()).lastError = connection.id() + ": " + reason;
                if (dropped != null) {
                    dropped.ifPresent(o -> orders.undelivered(o, reason));
                }
            } else if (event instanceof LinkEvent.ProtocolError error && error.error() == LinkError.CONTENTION) {
                // Both sides bid at once: Lavender yields and bids again later (LIS1-A 8.2.7.1); nothing is lost.
                continue;
            } else if (event instanceof LinkEvent.ProtocolError error) {
                reject(chunk.length > 0 ? chunk : transfer.toByteArray(), "ASTM " + error.error() + ": "
                        + error.detail() + (chunk.length > 0 ? "; frame refused with NAK" : ""));
                if (chunk.length == 0) {
                    startTransfer(now);
                }
            } else if (event instanceof LinkEvent.Terminated) {
                // Some analyzers end with EOT and no L record; what arrived is still a message.
                if (!records.isEmpty()) {
                    completeMessage(now);
                }
                startTransfer(now);
                messageStartedAt = null;
            } else if (event instanceof LinkEvent.TransferCompleted) {
                transfer.reset();
                Optional<OutboundOrder> sent = sending.poll();
                if (sent != null) {
                    sent.ifPresent(orders::delivered);
                }
            }
        }
    }

    private void startTransfer(Instant now) {
        transfer.reset();
        records.clear();
        messageStartedAt = null;
        oversize = false;
    }

    // Stored (committed) here, before the caller writes the ACK of the frame that carried the L record.
    private void completeMessage(Instant now) {
        byte[] bytes = transfer.toByteArray();
        if (oversize) {
            reject(bytes, "ASTM message larger than " + intake.limits.maxMessageBytes() + " bytes; first bytes kept");
        } else {
            MessageRepository.Stored stored = intake.store.received(analyzer, connection, now, bytes, dedupKey());
            if (!stored.duplicate()) {
                toFile.add(new StoredTransfer(stored.id(), bytes));
                queueReplies();
            }
        }
        transfer.reset();
        records.clear();
        // The transfer stays open until EOT; the next message of it gets the same time limit.
        messageStartedAt = now;
        oversize = false;
    }

    private void queueReplies() {
        List<AstmMessage> messages;
        try {
            messages = new AstmMessageParser(charset).parse(records);
        } catch (AstmProtocolException e) {
            return;
        }
        for (AstmMessage message : messages) {
            for (QueryRecord query : message.queries()) {
                replies.add(intake.hostQueries.answer(analyzer, message.header(), query));
            }
        }
    }

    private void fileAndAnswer(OutputStream out, Instant now) throws IOException {
        for (StoredTransfer stored : toFile) {
            intake.fileAfterAck(analyzer, stored.id(), content(stored.bytes()));
        }
        toFile.clear();
        for (List<String> reply : replies) {
            sending.add(Optional.empty());
            write(out, link.send(reply.stream().map(r -> r.getBytes(charset)).toList(), now).toSend());
        }
        replies.clear();
    }

    // Order push: when the line is idle, the next order message due for this analyzer bids for it.
    private void pushOrder(OutputStream out, Instant now) throws IOException {
        if (!link.isIdle()) {
            return;
        }
        Optional<OutboundOrder> order = orders.claim(now);
        if (order.isPresent()) {
            List<byte[]> records = new ArrayList<>();
            for (String record : new String(order.get().bytes(), charset).split("[\\r\\n]+")) {
                if (!record.isEmpty()) {
                    records.add(record.getBytes(charset));
                }
            }
            sending.add(order);
            write(out, link.send(records, now).toSend());
        }
    }

    /** A message stored during this transfer, filed once the ACKs are out. */
    private record StoredTransfer(long id, byte[] bytes) {
    }

    // What cannot be read here is read (and refused with its reason) from the store by the filing worker.
    private MessageContent content(byte[] bytes) {
        try {
            return intake.reader.read(analyzer.protocol(), bytes, charset, analyzer.specimenIdField());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /** LIS1-A has no message id: a message is the same if its records are, within one session (connection). */
    private String dedupKey() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] record : records) {
                sha.update(record);
                sha.update((byte) '\r');
            }
            return "astm:" + connection.id() + ":" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean stalled(Instant now, Instant lastByte) {
        if (messageStartedAt != null && messageStartedAt.plus(intake.limits.messageTimeout()).isBefore(now)) {
            reject(transfer.toByteArray(), "message incomplete " + intake.limits.messageTimeout().toSeconds()
                    + " s after the transfer began (slow or stalled sender); connection closed");
            return true;
        }
        return messageStartedAt == null && lastByte.plus(intake.limits.idleTimeout()).isBefore(now);
    }

    private void reject(byte[] bytes, String reason) {
        intake.store.rejected(analyzer, connection, intake.clock.instant(), bytes, reason);
        intake.live.of(analyzer.id()).lastError = connection.id() + ": " + reason;
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            out.write(bytes);
            out.flush();
        }
    }
}
