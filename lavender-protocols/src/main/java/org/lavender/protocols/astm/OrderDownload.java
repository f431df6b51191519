package org.lavender.protocols.astm;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds a host-to-instrument order message: H, then P and its O records, then L (LIS2-A2 order download).
 * Values are escaped with the chosen delimiters.
 */
public final class OrderDownload {

    /** The patient of the following orders (P-3, P-6, P-8, P-9). */
    public record Patient(String patientId, String lastName, String firstName, LocalDate birthDate, String sex) {
    }

    /**
     * One specimen with its tests (O-3, O-5, O-6, O-12).
     *
     * @param priority   O-6: {@code R} routine, {@code S} stat, {@code A} as soon as possible
     * @param actionCode O-12: {@code N} new, {@code A} add, {@code C} cancel, {@code Q} quality control
     */
    public record Order(String specimenId, List<UniversalTestId> tests, String priority, String actionCode) {
        public Order {
            tests = List.copyOf(tests);
            if (tests.isEmpty()) {
                throw new IllegalArgumentException("an order needs at least one test");
            }
        }
    }

    private final Delimiters delimiters;
    private final String senderId;
    private final String receiverId;
    private final LocalDateTime timestamp;
    private final List<String> body = new ArrayList<>();
    private String reportType = "O";
    private int patients;
    private int ordersOfPatient;

    public OrderDownload(Delimiters delimiters, String senderId, String receiverId, LocalDateTime timestamp) {
        this.delimiters = Objects.requireNonNull(delimiters);
        this.senderId = senderId;
        this.receiverId = receiverId;
        this.timestamp = timestamp;
    }

    /** O-26 report type for the orders that follow: {@code O} order, {@code Q} response to a query. */
    public OrderDownload reportType(String value) {
        this.reportType = value;
        return this;
    }

    public OrderDownload patient(Patient patient) {
        patients++;
        ordersOfPatient = 0;
        body.add(new RecordText(delimiters, "P").set(2, Integer.toString(patients)).set(3, patient.patientId())
                .components(6, patient.lastName(), patient.firstName())
                .set(8, patient.birthDate() == null ? "" : patient.birthDate().toString().replace("-", ""))
                .set(9, patient.sex()).text());
        return this;
    }

    public OrderDownload order(Order order) {
        if (patients == 0) {
            throw new IllegalStateException("LIS2-A2: an O record follows its P record");
        }
        ordersOfPatient++;
        body.add(new RecordText(delimiters, "O").set(2, Integer.toString(ordersOfPatient)).set(3, order.specimenId())
                .tests(5, order.tests()).set(6, order.priority()).set(7, AstmDateTimes.format(timestamp))
                .set(12, order.actionCode()).set(26, reportType).text());
        return this;
    }

    /** The records, without CR, ready for {@link AstmSender#send}: H, body, L with termination code N. */
    public List<String> records() {
        return records("N");
    }

    List<String> records(String terminationCode) {
        List<String> records = new ArrayList<>();
        records.add(new RecordText(delimiters, "H").setRaw(2, delimiters.definition()).set(5, senderId).set(10, receiverId)
                .set(12, "P").set(13, "LIS2-A2").set(14, AstmDateTimes.format(timestamp)).text());
        records.addAll(body);
        records.add(new RecordText(delimiters, "L").set(2, "1").set(3, terminationCode).text());
        return records;
    }
}
