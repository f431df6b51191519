package org.lavender.instruments.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Serves one analyzer connection with the session of its protocol; what every session needs, in one place. */
@Component
class Intake {

    private static final Logger log = LoggerFactory.getLogger(Intake.class);
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    final RawStore store;
    final FilingQueue filing;
    final HostQueries hostQueries;
    final LiveStatus live;
    final IntakeLimits limits;
    final Clock clock;
    final Hl7Codec hl7;
    final MessageReader reader;
    final OrderPush orders;

    Intake(RawStore store, FilingQueue filing, HostQueries hostQueries, LiveStatus live, IntakeLimits limits,
           Clock clock, OrderPush orders) {
        this.store = store;
        this.orders = orders;
        this.filing = filing;
        this.hostQueries = hostQueries;
        this.live = live;
        this.limits = limits;
        this.clock = clock;
        this.hl7 = new Hl7Codec(clock.getZone());
        this.reader = new MessageReader(hl7, clock.getZone());
    }

    /** Runs until the peer closes, a limit is hit or the socket is closed by a stop; never throws. */
    void serve(Analyzer analyzer, Socket socket) {
        try (socket) {
            socket.setSoTimeout(250);
            socket.setTcpNoDelay(true);
            serve(analyzer, String.valueOf(socket.getRemoteSocketAddress()), socket.getInputStream(),
                    socket.getOutputStream());
        } catch (IOException e) {
            live.of(analyzer.id()).lastError = analyzer.name() + ": " + e.getMessage();
        }
    }

    /**
     * Serves one line, socket or serial port, whose reads time out after a short while (the sessions use the quiet
     * moments for their timers); returns when the peer closes or a limit is hit, never throws.
     */
    void serve(Analyzer analyzer, String peer, InputStream in, OutputStream out) {
        var connection = new RawStore.Connection(analyzer.name() + "#" + CONNECTIONS.incrementAndGet(), peer);
        LiveStatus.Live status = live.of(analyzer.id());
        status.connections.incrementAndGet();
        try {
            if (analyzer.protocol() == AnalyzerProtocol.HL7) {
                new Hl7Session(this, analyzer, connection).serve(in, out);
            } else {
                new AstmSession(this, analyzer, connection).serve(in, out);
            }
        } catch (IOException | RuntimeException e) {
            status.lastError = connection.id() + ": " + e.getMessage();
            log.warn("Analyzer {} connection {} ended: {}", analyzer.name(), connection.id(), e.toString());
        } finally {
            status.connections.decrementAndGet();
        }
    }

    /**
     * Files a stored message after the ACK, off the connection thread. {@code content} is what the connection read
     * from the stored bytes (saves reading them again), or null to read them from the store.
     */
    void fileAfterAck(Analyzer analyzer, long rawMessageId, MessageContent content) {
        filing.submit(analyzer, rawMessageId, content);
    }
}
