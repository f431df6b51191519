package org.lavender.protocols.astm;

import java.util.List;
import java.util.Optional;

/**
 * One LIS2-A2 message, H to L, grouped as the standard nests it: patients hold orders, orders hold results, and
 * comments belong to the record they follow. {@code records} keeps every record in arrival order, M and S
 * records included.
 */
public record AstmMessage(HeaderRecord header, List<Patient> patients, List<QueryRecord> queries,
        List<CommentRecord> comments, Optional<TerminatorRecord> terminator, List<AstmRecord> records) {

    public AstmMessage {
        patients = List.copyOf(patients);
        queries = List.copyOf(queries);
        comments = List.copyOf(comments);
        records = List.copyOf(records);
    }

    /** A patient and what was ordered for it; {@code record} is empty when O came without P. */
    public record Patient(Optional<PatientRecord> record, List<CommentRecord> comments, List<Order> orders) {
        public Patient {
            comments = List.copyOf(comments);
            orders = List.copyOf(orders);
        }
    }

    /** An order and its results; {@code record} is empty when R came without O. */
    public record Order(Optional<OrderRecord> record, List<CommentRecord> comments, List<Result> results) {
        public Order {
            comments = List.copyOf(comments);
            results = List.copyOf(results);
        }
    }

    /** A result and the comments on it. */
    public record Result(ResultRecord record, List<CommentRecord> comments) {
        public Result {
            comments = List.copyOf(comments);
        }
    }

    public List<Order> orders() {
        return patients.stream().flatMap(p -> p.orders().stream()).toList();
    }

    public List<ResultRecord> results() {
        return orders().stream().flatMap(o -> o.results().stream()).map(Result::record).toList();
    }

    /** Manufacturer (M) and scientific (S) records, kept generic. */
    public List<AstmRecord> manufacturerRecords() {
        return records.stream().filter(r -> r.type() == 'M' || r.type() == 'S').toList();
    }

    /** How many records of a type the message holds. */
    public long count(char type) {
        return records.stream().filter(r -> r.type() == Character.toUpperCase(type)).count();
    }
}
