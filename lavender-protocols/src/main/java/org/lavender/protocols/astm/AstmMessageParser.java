package org.lavender.protocols.astm;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns record texts into {@link AstmMessage}s. Each H record starts a message and declares its delimiters;
 * L ends it. The charset is the analyzer's (LIS2-A2 leaves it to the parties): UTF-8, windows-1252, ...
 */
public final class AstmMessageParser {

    private final Charset charset;

    public AstmMessageParser(Charset charset) {
        this.charset = charset;
    }

    /** Parses records as the link layer delivers them (bytes, no CR); throws only {@link AstmProtocolException}. */
    public List<AstmMessage> parse(List<byte[]> records) {
        return parseText(records.stream().map(r -> new String(r, charset)).toList());
    }

    public List<AstmMessage> parseText(List<String> records) {
        List<AstmMessage> messages = new ArrayList<>();
        MessageBuilder current = null;
        for (String line : records) {
            String text = stripLineEnd(line);
            if (text.isBlank()) {
                continue;
            }
            if (text.charAt(0) == 'H') {
                if (current != null) {
                    messages.add(current.build(Optional.empty()));
                }
                current = new MessageBuilder(HeaderRecord.of(AstmRecord.parse(text, Delimiters.fromHeader(text))));
                continue;
            }
            if (current == null) {
                throw new AstmProtocolException("record before the H record: " + Delimiters.abbreviate(text));
            }
            AstmRecord record = AstmRecord.parse(text, current.delimiters());
            if (record.type() == 'L') {
                messages.add(current.build(Optional.of(TerminatorRecord.of(record))));
                current = null;
            } else {
                current.add(record);
            }
        }
        if (current != null) {
            messages.add(current.build(Optional.empty()));
        }
        return messages;
    }

    private static String stripLineEnd(String line) {
        int end = line.length();
        while (end > 0 && (line.charAt(end - 1) == '\r' || line.charAt(end - 1) == '\n')) {
            end--;
        }
        return line.substring(0, end);
    }

    /** Collects records of one message into the LIS2-A2 hierarchy. */
    private static final class MessageBuilder {
        private final HeaderRecord header;
        private final List<AstmRecord> records = new ArrayList<>();
        private final List<PatientNode> patients = new ArrayList<>();
        private final List<QueryRecord> queries = new ArrayList<>();
        private final List<CommentRecord> messageComments = new ArrayList<>();
        private List<CommentRecord> commentTarget = messageComments;

        MessageBuilder(HeaderRecord header) {
            this.header = header;
            records.add(header.raw());
        }

        Delimiters delimiters() {
            return header.delimiters();
        }

        void add(AstmRecord record) {
            records.add(record);
            switch (record.type()) {
                case 'P' -> {
                    PatientNode patient = new PatientNode(Optional.of(PatientRecord.of(record)));
                    patients.add(patient);
                    commentTarget = patient.comments;
                }
                case 'O' -> {
                    OrderNode order = new OrderNode(Optional.of(OrderRecord.of(record)));
                    currentPatient().orders.add(order);
                    commentTarget = order.comments;
                }
                case 'R' -> {
                    ResultNode result = new ResultNode(ResultRecord.of(record));
                    currentOrder().results.add(result);
                    commentTarget = result.comments;
                }
                case 'C' -> commentTarget.add(CommentRecord.of(record));
                case 'Q' -> {
                    queries.add(QueryRecord.of(record));
                    commentTarget = messageComments;
                }
                default -> {
                    // M, S and unknown records stay generic in records.
                }
            }
        }

        private PatientNode currentPatient() {
            if (patients.isEmpty()) {
                patients.add(new PatientNode(Optional.empty()));
            }
            return patients.get(patients.size() - 1);
        }

        private OrderNode currentOrder() {
            PatientNode patient = currentPatient();
            if (patient.orders.isEmpty()) {
                patient.orders.add(new OrderNode(Optional.empty()));
            }
            return patient.orders.get(patient.orders.size() - 1);
        }

        AstmMessage build(Optional<TerminatorRecord> terminator) {
            terminator.ifPresent(t -> records.add(t.raw()));
            return new AstmMessage(header, patients.stream().map(PatientNode::build).toList(), queries,
                    messageComments, terminator, records);
        }
    }

    private record PatientNode(Optional<PatientRecord> record, List<CommentRecord> comments, List<OrderNode> orders) {
        PatientNode(Optional<PatientRecord> record) {
            this(record, new ArrayList<>(), new ArrayList<>());
        }

        AstmMessage.Patient build() {
            return new AstmMessage.Patient(record, comments, orders.stream().map(OrderNode::build).toList());
        }
    }

    private record OrderNode(Optional<OrderRecord> record, List<CommentRecord> comments, List<ResultNode> results) {
        OrderNode(Optional<OrderRecord> record) {
            this(record, new ArrayList<>(), new ArrayList<>());
        }

        AstmMessage.Order build() {
            return new AstmMessage.Order(record, comments, results.stream().map(ResultNode::build).toList());
        }
    }

    private record ResultNode(ResultRecord record, List<CommentRecord> comments) {
        ResultNode(ResultRecord record) {
            this(record, new ArrayList<>());
        }

        AstmMessage.Result build() {
            return new AstmMessage.Result(record, comments);
        }
    }
}
