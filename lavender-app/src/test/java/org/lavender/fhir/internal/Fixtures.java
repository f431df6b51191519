package org.lavender.fhir.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.orders.Order;
import org.lavender.orders.OrderItem;
import org.lavender.orders.OrderStatus;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.results.LabResult;
import org.lavender.results.ResultStatus;
import org.lavender.shared.Interpretation;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;

/** A small lab's worth of records for the FHIR unit tests. */
final class Fixtures {

    static final Instant COLLECTED = Instant.parse("2026-11-25T07:30:00Z");
    static final Instant VERIFIED = Instant.parse("2026-11-25T09:05:00Z");

    private Fixtures() {
    }

    static Patient jane() {
        return new Patient(7, "M000123", "Doe", "Jane Mary", LocalDate.of(1980, 5, 17), Sex.FEMALE, "+41 44 000 00 00",
                List.of(new PatientIdentifier(PatientIdentifier.MRN_SYSTEM, "M000123"),
                        new PatientIdentifier("urn:oid:2.16.756.5.32", "7560000000001")), 3);
    }

    static TestDefinition potassium() {
        return new TestDefinition(11, "K", "2823-3", "Potassium", "CHEM", ResultType.NUMERIC, "mmol/L", 1, "Serum",
                "SST", List.of(), List.of(), true);
    }

    static Orderable potassiumOrderable() {
        return new Orderable("K", "2823-3", "Potassium", false, List.of(potassium()));
    }

    static Orderable bmp() {
        return new Orderable("BMP", "51990-0", "Basic metabolic panel", true, List.of(potassium()));
    }

    static OrderItem item(long id, String code, String loinc, String name, String... tests) {
        return new OrderItem(id, code, loinc, name, List.of(tests), "ACTIVE", null);
    }

    static Order order(long id, OrderStatus status, OrderItem... items) {
        return new Order(id, "O26-" + id, 7, Priority.STAT, "Dr. Gregory House", "Chest pain", "REQ-1", status,
                COLLECTED.minusSeconds(1800), "ehr", "FHIR", List.of(items));
    }

    static LabResult potassiumResult(long id, ResultStatus status, String valueText, String comparator,
                                     String numeric, Interpretation flag) {
        return new LabResult(id, 31, "261125-000031", 41, 51, 7, "K", "2823-3", "Potassium", "CHEM", valueText,
                comparator, numeric == null ? null : new BigDecimal(numeric), "mmol/L", flag, 5L,
                new BigDecimal("3.5"), new BigDecimal("5.1"), "3.5–5.1", status, COLLECTED,
                COLLECTED.plusSeconds(1200), COLLECTED.plusSeconds(3600), "tech1",
                status.released() ? VERIFIED : null, status.released() ? "verifier1" : null, null, 1);
    }

    static LabResult result(long id, long itemId, String testCode, ResultStatus status) {
        return new LabResult(id, 31, "261125-000031", 41, itemId, 7, testCode, null, testCode, "CHEM", "1.0", null,
                new BigDecimal("1.0"), "mmol/L", Interpretation.N, null, null, null, null, status, COLLECTED,
                COLLECTED.plusSeconds(1200), COLLECTED.plusSeconds(3600), "tech1",
                status.released() ? VERIFIED : null, null, null, 1);
    }
}
