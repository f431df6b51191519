package org.lavender.instruments.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.lavender.instruments.Analyzer;
import org.lavender.instruments.OutboundOrder;

/**
 * The order push of one analyzer connection (HL7 or ASTM): claims the next due order message for the connection to
 * send, at most once a second, and reports what came of it. A database failure never ends the connection: it is
 * shown on the live view, and an order not marked is sent again when its lease ends (the analyzer takes it as a
 * repeat).
 */
final class ConnectionOrders {

    private static final Duration CLAIM_INTERVAL = Duration.ofSeconds(1);

    private final Intake intake;
    private final Analyzer analyzer;
    private final RawStore.Connection connection;
    private Instant lastClaim = Instant.MIN;

    ConnectionOrders(Intake intake, Analyzer analyzer, RawStore.Connection connection) {
        this.intake = intake;
        this.analyzer = analyzer;
        this.connection = connection;
    }

    /** The next due order for this connection, if push is on and the last bid is a second old. */
    Optional<OutboundOrder> claim(Instant now) {
        if (!analyzer.pushOrders() || now.isBefore(lastClaim.plus(CLAIM_INTERVAL))) {
            return Optional.empty();
        }
        lastClaim = now;
        try {
            return intake.orders.claimForConnection(analyzer);
        } catch (RuntimeException e) {
            problem("order push: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** LIS1-A: every frame of the order was acknowledged. */
    void delivered(OutboundOrder order) {
        try {
            intake.orders.deliveredOverLink(order);
        } catch (RuntimeException e) {
            problem("order " + order.id() + " sent but not marked: " + e.getMessage());
        }
    }

    /** HL7: the analyzer's acknowledgment of the order (AA, AE or AR). */
    void acknowledged(OutboundOrder order, byte[] ackBytes, Hl7Ack ack) {
        try {
            intake.orders.acknowledgedOverConnection(order, ackBytes, ack);
        } catch (RuntimeException e) {
            problem("order " + order.id() + " acknowledged but not marked: " + e.getMessage());
        }
    }

    /** Not delivered (refused frames, no acknowledgment, the connection ended): tried again later. */
    void undelivered(OutboundOrder order, String reason) {
        try {
            intake.orders.undeliveredOverConnection(order, reason);
        } catch (RuntimeException e) {
            problem("order " + order.id() + " not delivered and not marked: " + e.getMessage());
        }
    }

    Duration ackTimeout() {
        return intake.orders.ackTimeout();
    }

    private void problem(String what) {
        intake.live.of(analyzer.id()).lastError = connection.id() + ": " + what;
    }
}
