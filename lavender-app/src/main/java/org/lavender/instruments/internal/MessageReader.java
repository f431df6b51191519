package org.lavender.instruments.internal;

import ca.uhn.hl7v2.HL7Exception;
import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavender.instruments.AnalyzerProtocol;
import org.lavender.instruments.SpecimenIdField;
import org.lavender.protocols.astm.AstmCapture;
import org.lavender.protocols.astm.AstmMessage;
import org.lavender.protocols.astm.AstmMessageParser;
import org.lavender.protocols.astm.AstmProtocolException;
import org.lavender.protocols.astm.OrderRecord;
import org.lavender.protocols.astm.ResultRecord;
import org.lavender.protocols.astm.ResultValue;

/** Reads a stored message (HL7 payload, or the ASTM transfer as it came off the wire) into its content. */
final class MessageReader {

    /** The stored bytes say nothing usable; the reason goes to the dead letters. */
    static final class UnreadableMessage extends RuntimeException {
        UnreadableMessage(String message) {
            super(message);
        }
    }

    private final Hl7Codec hl7;
    private final ZoneId zone;

    MessageReader(Hl7Codec hl7, ZoneId zone) {
        this.hl7 = hl7;
        this.zone = zone;
    }

    /** {@code where}: where the sending analyzer puts the tube's accession. */
    MessageContent read(AnalyzerProtocol protocol, byte[] bytes, Charset charset, SpecimenIdField where) {
        return protocol == AnalyzerProtocol.HL7 ? readHl7(new String(bytes, charset), where)
                : readAstm(bytes, charset, where);
    }

    private MessageContent readHl7(String text, SpecimenIdField where) {
        Hl7Codec.Parsed parsed = hl7.parse(text);
        if (parsed instanceof Hl7Codec.ParseFailed failed) {
            throw new UnreadableMessage(failed.reason());
        }
        if (parsed instanceof Hl7Codec.ParsedQuery query) {
            if (query.query() instanceof Hl7HostQuery.Malformed malformed) {
                throw new UnreadableMessage(malformed.reason());
            }
            Hl7HostQuery q = ((Hl7HostQuery.Usable) query.query()).query();
            return new MessageContent(List.of(), List.of(), q.msh().messageType() + ": host query for specimen "
                    + q.specimenId() + ", answered on the connection");
        }
        return read((Hl7Codec.ParsedOk) parsed, where);
    }

    /** The content of an HL7 message already parsed (by the connection, from the bytes it stored). */
    MessageContent read(Hl7Codec.ParsedOk parsed, SpecimenIdField where) {
        var message = parsed.message();
        if (!Hl7Codec.carriesResults(message)) {
            return new MessageContent(List.of(), List.of(), parsed.msh().messageType()
                    + (Hl7Codec.isAcknowledgment(message) ? ": acknowledgment of a Lavender reply, no results"
                            : ": equipment status, no results"));
        }
        try {
            return new MessageContent(hl7.observations(message, where), List.of(), "no OBX segments");
        } catch (HL7Exception e) {
            throw new UnreadableMessage("unreadable " + parsed.msh().messageType() + ": " + e.getMessage());
        }
    }

    /**
     * LIS2-A2: results hang under their order (O-3 = accession, or O-4 for instruments that send only their own
     * specimen ID); a message with H-12 = Q, or an order with O-12 action code Q, measured a control material.
     */
    private MessageContent readAstm(byte[] bytes, Charset charset, SpecimenIdField where) {
        AstmCapture capture = AstmCapture.read(bytes);
        if (capture.records().isEmpty()) {
            throw new UnreadableMessage("no ASTM records in the transfer" + (capture.errors().isEmpty() ? ""
                    : ": " + capture.errors().get(0).error() + " " + capture.errors().get(0).detail()));
        }
        List<AstmMessage> messages;
        try {
            messages = new AstmMessageParser(charset).parse(capture.records());
        } catch (AstmProtocolException e) {
            throw new UnreadableMessage("unreadable ASTM records: " + e.getMessage());
        }
        var observations = new ArrayList<Observation>();
        var queries = new ArrayList<org.lavender.protocols.astm.QueryRecord>();
        for (AstmMessage message : messages) {
            boolean qcMessage = message.header().isQualityControl();
            queries.addAll(message.queries());
            for (AstmMessage.Order order : message.orders()) {
                Optional<OrderRecord> o = order.record();
                String specimen = o.map(where == SpecimenIdField.O_4 ? OrderRecord::instrumentSpecimenId
                        : OrderRecord::specimenId).orElse("");
                boolean qc = qcMessage || o.map(r -> r.actionCode().equalsIgnoreCase("Q")).orElse(false);
                for (AstmMessage.Result result : order.results()) {
                    ResultRecord r = result.record();
                    ResultValue value = r.value();
                    Optional<LocalDateTime> when = r.completedAt().or(r::startedAt)
                            .or(() -> o.flatMap(OrderRecord::collectedAt));
                    Instant observed = when.map(t -> t.atZone(zone).toInstant()).orElse(null);
                    observations.add(new Observation(observations.size() + 1, specimen, qc, r.testId().code(),
                            value.text(), r.units(), r.abnormalFlags(), observed));
                }
            }
        }
        return new MessageContent(observations, queries, queries.isEmpty() ? "no result records" : "host query");
    }
}
