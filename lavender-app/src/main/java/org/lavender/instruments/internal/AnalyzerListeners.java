package org.lavender.instruments.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import com.fazecast.jSerialComm.SerialPort;
import org.lavender.instruments.Analyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs one listener per active analyzer: a server socket that accepts its connections (each served on its own
 * thread, at most {@link IntakeLimits#maxConnections()} at once), a client that connects to the analyzer and
 * reconnects after a loss, or a serial port. One connection's garbage or stall never holds up another's.
 */
@Component
class AnalyzerListeners implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalyzerListeners.class);
    private static final Duration RECONNECT = Duration.ofSeconds(5);

    private final AnalyzerRepository analyzers;
    private final Intake intake;
    private final LiveStatus live;
    private final IntakeLimits limits;
    private final Map<Long, Listener> running = new ConcurrentHashMap<>();
    private volatile ExecutorService connections;
    private volatile boolean started;

    AnalyzerListeners(AnalyzerRepository analyzers, Intake intake, LiveStatus live, IntakeLimits limits) {
        this.analyzers = analyzers;
        this.intake = intake;
        this.live = live;
        this.limits = limits;
    }

    // Restartable: a paused application context (Spring test context cache) is stopped and started again.
    @Override
    public synchronized void start() {
        connections = Executors.newCachedThreadPool(named("analyzer-connection"));
        started = true;
        analyzers.all().forEach(this::launch);
    }

    @Override
    public synchronized void stop() {
        started = false;
        running.values().forEach(Listener::close);
        running.clear();
        connections.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    /** Applies a changed configuration: the old listener is closed and, if still active, a new one started. */
    synchronized void restart(long analyzerId) {
        Listener old = running.remove(analyzerId);
        if (old != null) {
            old.close();
        }
        if (started) {
            analyzers.find(analyzerId).ifPresent(this::launch);
        }
    }

    private void launch(Analyzer analyzer) {
        LiveStatus.Live status = live.of(analyzer.id());
        status.boundPort = null;
        if (!analyzer.active()) {
            status.link = "inactive";
            return;
        }
        Listener listener = new Listener(analyzer);
        running.put(analyzer.id(), listener);
        Runnable loop = switch (analyzer.transport()) {
            case TCP_SERVER -> listener::serve;
            case TCP_CLIENT -> listener::connect;
            case SERIAL -> listener::openSerial;
        };
        Thread thread = new Thread(loop, "analyzer-" + analyzer.name());
        thread.setDaemon(true);
        thread.start();
    }

    private final class Listener {
        private final Analyzer analyzer;
        private final Semaphore slots = new Semaphore(limits.maxConnections());
        private volatile ServerSocket server;
        private volatile Socket client;
        private volatile SerialPort serial;
        private final java.util.Set<Socket> open = ConcurrentHashMap.newKeySet();
        private volatile boolean closed;

        Listener(Analyzer analyzer) {
            this.analyzer = analyzer;
        }

        void serve() {
            LiveStatus.Live status = live.of(analyzer.id());
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(analyzer.port() == null ? 0 : analyzer.port()), 50);
                server = socket;
                status.boundPort = socket.getLocalPort();
                status.link = "listening on " + socket.getLocalPort();
                log.info("Analyzer {}: {} listening on port {}", analyzer.name(), analyzer.protocol(),
                        socket.getLocalPort());
                while (!closed) {
                    Socket accepted = socket.accept();
                    if (!slots.tryAcquire()) {
                        status.lastError = "refused a connection from " + accepted.getRemoteSocketAddress() + ": "
                                + limits.maxConnections() + " already open";
                        accepted.close();
                        continue;
                    }
                    open.add(accepted);
                    try {
                        connections.execute(() -> {
                            try {
                                intake.serve(analyzer, accepted);
                            } finally {
                                open.remove(accepted);
                                slots.release();
                            }
                        });
                    } catch (java.util.concurrent.RejectedExecutionException stopping) {
                        open.remove(accepted);
                        slots.release();
                        accepted.close();
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    status.link = "not listening: " + e.getMessage();
                    status.lastError = "port " + analyzer.port() + ": " + e.getMessage();
                    log.error("Analyzer {}: cannot listen on port {}: {}", analyzer.name(), analyzer.port(),
                            e.getMessage());
                }
            }
        }

        void connect() {
            LiveStatus.Live status = live.of(analyzer.id());
            while (!closed) {
                try (Socket socket = new Socket()) {
                    status.link = "connecting to " + analyzer.host() + ":" + analyzer.port();
                    socket.connect(new InetSocketAddress(analyzer.host(), analyzer.port()), 5_000);
                    client = socket;
                    status.link = "connected to " + analyzer.host() + ":" + analyzer.port();
                    intake.serve(analyzer, socket);
                } catch (IOException e) {
                    status.lastError = "cannot connect to " + analyzer.host() + ":" + analyzer.port() + ": "
                            + e.getMessage();
                }
                if (!closed) {
                    status.link = "disconnected; retrying in " + RECONNECT.toSeconds() + " s";
                    sleep(RECONNECT);
                }
            }
        }

        /**
         * An RS-232 analyzer: the port is opened and served like a connection; when it fails or goes quiet past the
         * idle limit it is closed and opened again, as a cable or a USB adapter may come and go.
         */
        void openSerial() {
            LiveStatus.Live status = live.of(analyzer.id());
            SerialSettings line;
            try {
                line = SerialSettings.parse(analyzer.serialPort());
            } catch (RuntimeException e) {
                status.link = "serial port not usable: " + e.getMessage();
                return;
            }
            while (!closed) {
                SerialPort port = SerialPort.getCommPort(line.device());
                port.setComPortParameters(line.baud(), line.dataBits(), line.jSerialCommStopBits(),
                        line.jSerialCommParity());
                port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
                port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 250, 0);
                if (port.openPort()) {
                    serial = port;
                    status.link = "serial " + line + " open";
                    intake.serve(analyzer, "serial " + line, port.getInputStream(), port.getOutputStream());
                    port.closePort();
                } else {
                    status.lastError = "cannot open serial port " + line.device() + " (error "
                            + port.getLastErrorCode() + ")";
                }
                if (!closed) {
                    status.link = "serial " + line.device() + " closed; reopening in " + RECONNECT.toSeconds()
                            + " s";
                    sleep(RECONNECT);
                }
            }
        }

        void close() {
            closed = true;
            live.of(analyzer.id()).link = "stopped";
            closeQuietly(server);
            closeQuietly(client);
            if (serial != null) {
                serial.closePort();
            }
            open.forEach(AnalyzerListeners::closeQuietly);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // Closing to stop; nothing left to do with it.
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
