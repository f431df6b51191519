package org.lavender.instruments.internal;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.OutboundOrder;
import org.lavender.instruments.Transport;
import org.lavender.protocols.mllp.MllpDecoder;
import org.lavender.protocols.mllp.MllpError;
import org.lavender.protocols.mllp.MllpEncoder;
import org.lavender.protocols.mllp.MllpEvent;

/**
 * One MLLP connection: each framed message is stored raw and committed, then acknowledged (AA; AE/AR with ERR
 * when unreadable), then filed from the stored copy. Garbage, oversize messages and senders that never finish a
 * message are refused and stored as REJECTED; the last two also end the connection. For an analyzer with order
 * push, the quiet line carries its due order messages (OML^O21 or ORM^O01), one at a time: each is delivered when the
 * analyzer's ACK for its control id comes back, and tried again later when none comes in time or the connection
 * ends first.
 */
final class Hl7Session {

    private final Intake intake;
    private final Analyzer analyzer;
    private final RawStore.Connection connection;
    private final Charset charset;
    private final MllpDecoder decoder;
    private final MllpWatch watch = new MllpWatch(RawStore.REJECTED_PREFIX);
    private final ConnectionOrders orders;
    private OutboundOrder awaitingAck;
    private Instant pushedAt;

    Hl7Session(Intake intake, Analyzer analyzer, RawStore.Connection connection) {
        this.intake = intake;
        this.analyzer = analyzer;
        this.connection = connection;
        this.charset = Charset.forName(analyzer.encoding());
        this.decoder = new MllpDecoder(intake.limits.maxMessageBytes());
        this.orders = new ConnectionOrders(intake, analyzer, connection);
    }

    /** Serves one line (socket or serial port); a read that times out is a quiet tick. */
    void serve(InputStream in, OutputStream out) throws IOException {
        try {
            serveLine(in, out);
        } finally {
            if (awaitingAck != null) {
                undelivered("the connection ended before the analyzer acknowledged it");
            }
        }
    }

    private void serveLine(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
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
                if (watch.inMessage()) {
                    reject(watch.block(), "connection closed in the middle of a message after "
                            + watch.block().length + " bytes");
                }
                flushGarbage(now);
                return;
            }
            if (n == 0) {
                flushGarbage(now);
            } else {
                lastByte = now;
                byte[] chunk = Arrays.copyOf(buffer, n);
                byte[] garbage = watch.feed(chunk, now);
                if (garbage != null) {
                    storeGarbage(garbage, now);
                }
                for (MllpEvent event : decoder.decode(chunk)) {
                    handle(event, out, now);
                }
                if (watch.unframedCount() > intake.limits.maxMessageBytes()) {
                    storeGarbage(watch.takeUnframed(), now);
                    return;
                }
            }
            if (stalled(now, lastByte)) {
                return;
            }
            pushOrder(out, now);
        }
    }

    /** Sends the next due order when the line is quiet and no order waits for its ACK; gives up on a late ACK. */
    private void pushOrder(OutputStream out, Instant now) throws IOException {
        if (awaitingAck != null && pushedAt.plus(orders.ackTimeout()).isBefore(now)) {
            undelivered("no acknowledgment within " + orders.ackTimeout().toSeconds() + " s");
        }
        // An analyzer Lavender connects to as a TCP client gets its orders from the sweep, on a connection of their
        // own (OrderPush); the others only on their own connection.
        if (analyzer.transport() == Transport.TCP_CLIENT || awaitingAck != null || watch.inMessage()) {
            return;
        }
        Optional<OutboundOrder> order = orders.claim(now);
        if (order.isPresent()) {
            awaitingAck = order.get();
            pushedAt = now;
            out.write(MllpEncoder.encode(order.get().bytes()));
            out.flush();
        }
    }

    // An analyzer's ACK of the order waiting for it settles the order (the ACK is stored like every message).
    private void settlePushed(byte[] payload) {
        Hl7Ack ack = Hl7Ack.read(new String(payload, charset));
        if (awaitingAck != null && awaitingAck.controlId().equals(ack.controlId())) {
            OutboundOrder order = awaitingAck;
            awaitingAck = null;
            orders.acknowledged(order, payload, ack);
        }
    }

    private void undelivered(String reason) {
        OutboundOrder order = awaitingAck;
        awaitingAck = null;
        orders.undelivered(order, reason);
    }

    private boolean stalled(Instant now, Instant lastByte) {
        Duration limit = intake.limits.messageTimeout();
        if (watch.inMessage() && watch.startedAt().plus(limit).isBefore(now)) {
            reject(watch.block(), "message incomplete " + limit.toSeconds() + " s after its start block (slow or"
                    + " stalled sender); connection closed");
            return true;
        }
        return !watch.inMessage() && lastByte.plus(intake.limits.idleTimeout()).isBefore(now);
    }

    private void handle(MllpEvent event, OutputStream out, Instant now) throws IOException {
        if (event instanceof MllpEvent.Message message) {
            receive(message.payload(), out, now);
        } else if (event instanceof MllpEvent.Error error && error.error() != MllpError.UNFRAMED_BYTES) {
            byte[] kept = watch.block();
            reject(kept, "MLLP " + error.error() + ": " + error.detail());
            if (error.error() == MllpError.OVERSIZE) {
                MshFields msh = MshFields.read(new String(kept, charset));
                send(out, intake.hl7.refuse(msh, AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR,
                        "message larger than " + intake.limits.maxMessageBytes() + " bytes refused"));
            }
        }
    }

    // HL7 v2 original acknowledgment: AA only once the message is safely stored.
    private void receive(byte[] payload, OutputStream out, Instant at) throws IOException {
        Hl7Codec.Parsed parsed = intake.hl7.parse(new String(payload, charset));
        if (parsed instanceof Hl7Codec.ParsedQuery query) {
            answer(query.query(), payload, out, at);
        } else if (parsed instanceof Hl7Codec.ParsedOk ok) {
            MessageRepository.Stored stored = intake.store.received(analyzer, connection, at, payload,
                    ok.msh().dedupKey());
            if (!Hl7Codec.isAcknowledgment(ok.message())) {
                send(out, intake.hl7.accept(ok.message()));
            } else {
                settlePushed(payload);
            }
            if (!stored.duplicate()) {
                intake.fileAfterAck(analyzer, stored.id(), content(ok));
            }
        } else {
            Hl7Codec.ParseFailed failed = (Hl7Codec.ParseFailed) parsed;
            intake.store.rejected(analyzer, connection, at, payload, failed.code() + ": " + failed.reason());
            send(out, intake.hl7.refuse(failed.msh(), failed.code(), failed.error(), failed.reason()));
        }
    }

    /**
     * A host query is stored like every message, then answered with the work for the tube (a resent query is
     * answered again); a query that cannot be answered is kept as REJECTED and answered with AE.
     */
    private void answer(Hl7HostQuery.Read query, byte[] payload, OutputStream out, Instant at) throws IOException {
        if (query instanceof Hl7HostQuery.Malformed malformed) {
            intake.store.rejected(analyzer, connection, at, payload, "host query refused: " + malformed.reason());
        } else {
            MessageRepository.Stored stored = intake.store.received(analyzer, connection, at, payload,
                    query.msh().dedupKey());
            if (!stored.duplicate()) {
                intake.fileAfterAck(analyzer, stored.id(), null);
            }
        }
        send(out, intake.hostQueries.answer(analyzer, query));
    }

    // Read from the message parsed for the ACK; what cannot be read here is read (and refused) from the store.
    private MessageContent content(Hl7Codec.ParsedOk ok) {
        try {
            return intake.reader.read(ok, analyzer.specimenIdField());
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    private void flushGarbage(Instant now) {
        if (watch.unframedCount() > 0 && !watch.inMessage()) {
            storeGarbage(watch.takeUnframed(), now);
        }
    }

    private void storeGarbage(byte[] bytes, Instant at) {
        intake.store.rejected(analyzer, connection, at, bytes, "bytes outside an MLLP block (a message starts with"
                + " VT 0x0B and ends with FS CR 0x1C 0x0D); ignored");
    }

    private void reject(byte[] bytes, String reason) {
        intake.store.rejected(analyzer, connection, intake.clock.instant(), bytes, reason);
        intake.live.of(analyzer.id()).lastError = connection.id() + ": " + reason;
    }

    private void send(OutputStream out, String message) throws IOException {
        out.write(MllpEncoder.encode(message.getBytes(charset)));
        out.flush();
    }
}
