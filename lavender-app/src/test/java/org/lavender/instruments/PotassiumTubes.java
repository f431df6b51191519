package org.lavender.instruments;

import static org.lavender.ItSupport.actAsAdmin;
import static org.lavender.ItSupport.eventually;

import java.time.LocalDate;
import java.util.List;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Orders;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.Results;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;

/** Tubes with a potassium ordered, for the analyzer tests: a new patient each, ordered, then received. */
public record PotassiumTubes(Patients patients, Orders orders, Specimens specimens, Results results) {

    /** A tube ordered for a new patient and not received yet (no result exists before receipt). */
    public Specimen ordered(String family, String given) {
        actAsAdmin();
        long patient = patients.register(new NewPatient(null, family, given, LocalDate.of(1970, 5, 1), Sex.FEMALE,
                null, List.of())).id();
        long order = orders.place(new NewOrder(patient, List.of("K"), Priority.ROUTINE, "Dr. Test", null, null,
                "UI")).id();
        return specimens.forOrder(order).get(0);
    }

    /** A tube received at the bench, once its pending potassium result exists. */
    public Specimen received(String family, String given) {
        Specimen tube = specimens.receive(ordered(family, given).accession());
        eventually(() -> potassiumOf(tube), r -> r != null);
        return tube;
    }

    /** The tube's potassium result, or null before the tube is received. */
    public LabResult potassiumOf(Specimen tube) {
        actAsAdmin();
        return results.search(new ResultQuery(null, tube.id(), null, null, "K", null), null, 5).items().stream()
                .findFirst().orElse(null);
    }
}
