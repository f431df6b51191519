package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.catalog.Catalog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.OrderMessageType;
import org.lavender.instruments.OutboundOrder;
import org.lavender.instruments.Transport;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenReceived;
import org.lavender.specimens.Specimens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Order push: when a tube is received, each active analyzer with "push orders" on that runs some of its tests (its
 * section, its code map or LOINC codes) gets the tube's work as an order message, queued in the database so that
 * nothing is lost on a restart. A sweep delivers due HL7 messages to analyzers Lavender reaches as a TCP client,
 * each over a connection of its own; an analyzer that connects to Lavender (or a serial line) takes its due
 * messages on its own connection when the line is quiet: HL7 over MLLP (delivered when its ACK comes back), ASTM
 * over LIS1-A (delivered once every frame is acknowledged).
 * An unreachable analyzer, or a transfer that fails, is retried with exponential backoff. Each delivery claims its
 * message first, so two instances of Lavender never send the same message at once.
 */
@Component
class OrderPush {

    private static final Logger log = LoggerFactory.getLogger(OrderPush.class);
    private static final AtomicLong CONTROL_IDS = new AtomicLong(System.currentTimeMillis());
    private static final int SWEEP_BATCH = 50;
    // Longer than any one delivery attempt (MLLP connect and ACK timeouts; an LIS1-A transfer with its retries).
    private static final Duration LEASE = Duration.ofMinutes(10);

    private final AnalyzerRepository analyzers;
    private final OutboundRepository outbound;
    private final HostQueries hostQueries;
    private final MllpOrderSender sender;
    private final PushSettings settings;
    private final Catalog catalog;
    private final Patients patients;
    private final Specimens specimens;
    private final Clock clock;

    OrderPush(AnalyzerRepository analyzers, OutboundRepository outbound, HostQueries hostQueries,
              MllpOrderSender sender, PushSettings settings, Catalog catalog, Patients patients, Specimens specimens,
              Clock clock) {
        this.analyzers = analyzers;
        this.outbound = outbound;
        this.hostQueries = hostQueries;
        this.sender = sender;
        this.settings = settings;
        this.catalog = catalog;
        this.patients = patients;
        this.specimens = specimens;
        this.clock = clock;
    }

    @ApplicationModuleListener
    void on(SpecimenReceived received) {
        List<Analyzer> pushing = analyzers.all().stream().filter(a -> a.active() && a.pushOrders()).toList();
        if (pushing.isEmpty()) {
            return;
        }
        Optional<Patient> patient = patients.find(received.patientId());
        if (patient.isEmpty()) {
            log.error("Tube {} received for unknown patient {}: no order pushed", received.accession(),
                    received.patientId());
            return;
        }
        String specimenType = specimens.byAccession(received.accession()).map(Specimen::specimenType).orElse("");
        for (Analyzer analyzer : pushing) {
            List<Specimen.SpecimenTest> here = received.tests().stream()
                    .filter(t -> catalog.test(t.testCode()).map(test -> HostQueries.runsHere(analyzer, test))
                            .orElse(false))
                    .toList();
            List<Hl7QueryReply.TestCode> codes = hostQueries.codesFor(analyzer, here);
            if (!codes.isEmpty()) {
                queue(analyzer, patient.get(), new OrderMessages.Tube(received.accession(), specimenType,
                        HostQueries.priority(received.priority()), codes));
            }
        }
    }

    private void queue(Analyzer analyzer, Patient patient, OrderMessages.Tube tube) {
        Instant now = clock.instant();
        LocalDateTime local = LocalDateTime.ofInstant(now, clock.getZone());
        Charset charset = Charset.forName(analyzer.encoding());
        String controlId = "LAVO" + CONTROL_IDS.incrementAndGet();
        if (analyzer.protocol() == AnalyzerProtocol.HL7) {
            String message = analyzer.orderMessage() == OrderMessageType.ORM_O01
                    ? OrderMessages.orm(analyzer.name(), controlId, local, patient, tube)
                    : OrderMessages.oml(analyzer.name(), controlId, local, patient, tube);
            byte[] bytes = message.getBytes(charset);
            outbound.queue(analyzer.id(), tube.accession(), AnalyzerProtocol.HL7, controlId, bytes, null, now);
        } else {
            String records = String.join("\r", OrderMessages.astm(analyzer.name(), local, patient, tube)) + "\r";
            outbound.queue(analyzer.id(), tube.accession(), AnalyzerProtocol.ASTM, controlId,
                    records.getBytes(charset), null, now);
        }
    }

    /** Delivers the HL7 order messages that are due; returns how many were tried. */
    @Scheduled(fixedDelayString = "${lavender.instruments.push.sweep-ms:2000}",
            initialDelayString = "${lavender.instruments.push.sweep-ms:2000}")
    int sweep() {
        Instant now = clock.instant();
        List<OutboundOrder> due = outbound.claim(null, AnalyzerProtocol.HL7, now, now.plus(LEASE), SWEEP_BATCH);
        for (OutboundOrder order : due) {
            deliver(order);
        }
        return due.size();
    }

    /** The next order message due for an analyzer, claimed for its connection to send, if any. */
    Optional<OutboundOrder> claimForConnection(Analyzer analyzer) {
        Instant now = clock.instant();
        return outbound.claim(analyzer.id(), analyzer.protocol(), now, now.plus(LEASE), 1).stream().findFirst();
    }

    /** How long an HL7 analyzer has to acknowledge a pushed order. */
    Duration ackTimeout() {
        return settings.ackTimeout();
    }

    /**
     * What an HL7 analyzer answered, on its own connection, to an order pushed there: AA delivers it, AE/AR refuse
     * it with the reason (resent by hand after a fix), anything else is tried again later.
     */
    void acknowledgedOverConnection(OutboundOrder order, byte[] ackBytes, Hl7Ack ack) {
        Instant now = clock.instant();
        if (ack.accepted()) {
            outbound.sent(order.id(), ackBytes, now);
        } else if (ack.refused()) {
            outbound.refused(order.id(), ackBytes, ack.code() + ": " + (ack.reason() == null ? "no reason given"
                    : ack.reason()), now);
        } else {
            retryLater(order, "unknown acknowledgment code " + ack.code(), now);
        }
    }

    /** LIS1-A has no application acknowledgment: a message is delivered when every frame was acknowledged. */
    void deliveredOverLink(OutboundOrder order) {
        outbound.sent(order.id(), null, clock.instant());
    }

    void undeliveredOverConnection(OutboundOrder order, String reason) {
        retryLater(order, reason, clock.instant());
    }

    private void deliver(OutboundOrder order) {
        Optional<Analyzer> analyzer = analyzers.find(order.analyzerId());
        if (analyzer.isEmpty() || !analyzer.get().active() || analyzer.get().transport() != Transport.TCP_CLIENT) {
            outbound.attemptFailed(order.id(), "the analyzer is inactive or no longer reached as a TCP client",
                    null, clock.instant());
            return;
        }
        MllpOrderSender.Outcome outcome = sender.send(analyzer.get(), order);
        Instant now = clock.instant();
        if (outcome instanceof MllpOrderSender.Accepted a) {
            outbound.sent(order.id(), a.ack(), now);
        } else if (outcome instanceof MllpOrderSender.Refused r) {
            outbound.refused(order.id(), r.ack(), r.reason(), now);
        } else if (outcome instanceof MllpOrderSender.Undelivered u) {
            retryLater(order, u.reason(), now);
        }
    }

    // Exponential backoff, until the last attempt: then FAILED, to be resent by hand.
    private void retryLater(OutboundOrder order, String reason, Instant now) {
        int failed = order.attempts() + 1;
        if (failed >= settings.maxAttempts()) {
            outbound.attemptFailed(order.id(), reason + " (gave up after " + failed + " attempts)", null, now);
        } else {
            outbound.attemptFailed(order.id(), reason, now.plus(settings.backoffAfter(failed)), now);
        }
    }
}
