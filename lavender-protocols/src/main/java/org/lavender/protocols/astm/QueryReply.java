package org.lavender.protocols.astm;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** Builds the host's answer to an instrument's Q record (LIS2-A2 request information). */
public final class QueryReply {

    private QueryReply() {
    }

    /**
     * The orders for the queried specimen, sent with O-26 {@code Q} (response to query), or, when the host
     * knows nothing, H and L with termination code {@code I} (no information available).
     */
    public static List<String> answer(QueryRecord query, String senderId, String receiverId, LocalDateTime now,
            Optional<OrderDownload.Patient> patient, List<OrderDownload.Order> orders) {
        Delimiters delimiters = query.raw().delimiters();
        OrderDownload reply = new OrderDownload(delimiters, senderId, receiverId, now).reportType("Q");
        if (orders.isEmpty()) {
            return reply.records("I");
        }
        reply.patient(patient.orElse(new OrderDownload.Patient(query.patientId(), "", "", null, "")));
        orders.forEach(reply::order);
        return reply.records();
    }
}
