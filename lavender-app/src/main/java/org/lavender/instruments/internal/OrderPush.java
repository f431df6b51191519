package org.lavender.instruments.internal;

import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.catalog.Catalog;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.AnalyzerProtocol;
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
 * nothing is lost on a restart. A sweep delivers due HL7 messages over MLLP, retrying an unreachable analyzer with
 * exponential backoff; ASTM messages stay queued for delivery over the LIS1-A link (not yet implemented: such an
 * analyzer still gets the same work by host query).
 */
@Component
class OrderPush {

    static final String ASTM_NOT_DELIVERED = "queued only: delivery over the ASTM LIS1-A link is not implemented;"
            + " the analyzer gets this work by host query";

    private static final Logger log = LoggerFactory.getLogger(OrderPush.class);
    private static final AtomicLong CONTROL_IDS = new AtomicLong(System.currentTimeMillis());
    private static final int SWEEP_BATCH = 50;

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
            byte[] bytes = OrderMessages.oml(analyzer.name(), controlId, local, patient, tube).getBytes(charset);
            outbound.queue(analyzer.id(), tube.accession(), AnalyzerProtocol.HL7, controlId, bytes, null, now);
        } else {
            String records = String.join("\r", OrderMessages.astm(analyzer.name(), local, patient, tube)) + "\r";
            outbound.queue(analyzer.id(), tube.accession(), AnalyzerProtocol.ASTM, controlId,
                    records.getBytes(charset), ASTM_NOT_DELIVERED, now);
        }
    }

    /** Delivers the HL7 order messages that are due; returns how many were tried. */
    @Scheduled(fixedDelayString = "${lavender.instruments.push.sweep-ms:2000}",
            initialDelayString = "${lavender.instruments.push.sweep-ms:2000}")
    int sweep() {
        List<OutboundOrder> due = outbound.due(clock.instant(), SWEEP_BATCH);
        for (OutboundOrder order : due) {
            deliver(order);
        }
        return due.size();
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
            int failed = order.attempts() + 1;
            if (failed >= settings.maxAttempts()) {
                outbound.attemptFailed(order.id(), u.reason() + " (gave up after " + failed + " attempts)", null,
                        now);
            } else {
                outbound.attemptFailed(order.id(), u.reason(), now.plus(settings.backoffAfter(failed)), now);
            }
        }
    }
}
