package org.lavender.specimens;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patients;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;

/**
 * Orders for specimen tests, against the starter catalog: BMP on a gold SST (chemistry), CBC on lavender EDTA
 * (hematology), PT on light-blue citrate (coagulation), ammonia on light-green heparin (chemistry).
 */
final class TestLab {

    static final List<String> BMP = List.of("GLU", "BUN", "CREA", "NA", "K", "CL", "CO2", "CA");
    static final List<String> CBC = List.of("WBC", "RBC", "HGB", "HCT", "PLT");

    private static final AtomicLong IDS = new AtomicLong(1_000_000);
    private static Long janeDoe;

    private TestLab() {
    }

    /** A fresh id for an order or order item (the orders module is not involved in these tests). */
    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** DOE, Jane, registered once per test database. */
    static synchronized long janeDoe(Patients patients) {
        if (janeDoe == null) {
            janeDoe = patients.register(new NewPatient(null, "Doe", "Jane", LocalDate.of(1980, 1, 31), Sex.FEMALE,
                    null, List.of())).id();
        }
        return janeDoe;
    }

    /** One order item (a test or a panel) expanded to its test codes. */
    static List<TubeRequest.RequestedTest> item(long itemId, List<String> codes) {
        return codes.stream().map(c -> new TubeRequest.RequestedTest(itemId, c)).toList();
    }

    @SafeVarargs
    static TubeRequest request(long orderId, long patientId, Priority priority,
                               List<TubeRequest.RequestedTest>... items) {
        return new TubeRequest(orderId, patientId, priority, Arrays.stream(items).flatMap(List::stream).toList());
    }
}
