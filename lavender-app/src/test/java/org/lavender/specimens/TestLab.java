package org.lavender.specimens;

import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.ContainerType;
import org.lavender.catalog.ResultType;
import org.lavender.catalog.TestDefinition;
import org.lavender.patients.Patient;
import org.lavender.patients.Patients;
import org.lavender.shared.Sex;

/** A small lab for specimen tests: BMP on gold SST (chemistry), CBC on lavender EDTA, PT on light-blue citrate. */
final class TestLab {

    static final List<String> BMP = List.of("NA", "K", "CL", "CO2", "BUN", "CREA", "GLU", "CA");
    static final List<String> CBC = List.of("WBC", "RBC", "HGB", "HCT", "PLT");

    static final Map<String, ContainerType> CONTAINERS = Map.of(
            "CIT", new ContainerType("CIT", "Citrate 2.7 mL", "light blue", "#8ecae6", "3.2% sodium citrate",
                    new BigDecimal("2.7"), "plasma", 2),
            "SST", new ContainerType("SST", "SST 5 mL", "gold", "#d4a017", "clot activator + gel",
                    new BigDecimal("5"), "serum", 4),
            "LIH", new ContainerType("LIH", "Lithium heparin 4 mL", "green", "#2e7d32", "lithium heparin",
                    new BigDecimal("4"), "plasma", 5),
            "EDTA", new ContainerType("EDTA", "K2EDTA 4 mL", "lavender", "#9c7cc4", "K2EDTA",
                    new BigDecimal("4"), "whole blood", 6));

    private TestLab() {
    }

    static void stock(Catalog catalog, Patients patients) {
        given(catalog.test(anyString())).willReturn(Optional.empty());
        long id = 1;
        for (String code : BMP) {
            define(catalog, id++, code, "CHEM", "SST", "serum");
        }
        for (String code : CBC) {
            define(catalog, id++, code, "HEME", "EDTA", "whole blood");
        }
        define(catalog, id++, "PT", "COAG", "CIT", "plasma");
        define(catalog, id++, "NH3", "CHEM", "LIH", "plasma");
        given(catalog.container(anyString())).willAnswer(i -> Optional.ofNullable(CONTAINERS.get(i.getArgument(0))));
        given(patients.find(anyLong())).willAnswer(i -> Optional.of(patient(i.getArgument(0))));
        given(patients.findAll(anyCollection())).willAnswer(i -> ((Collection<Long>) i.getArgument(0)).stream()
                .map(TestLab::patient).toList());
    }

    static Patient patient(long id) {
        return new Patient(id, "MRN" + id, "Doe", "Jane", LocalDate.of(1980, 1, 31), Sex.FEMALE, null, List.of(), 0);
    }

    private static void define(Catalog catalog, long id, String code, String section, String container,
                               String specimenType) {
        given(catalog.test(code)).willReturn(Optional.of(new TestDefinition(id, code, "0000-" + id, code, section,
                ResultType.NUMERIC, "1", 1, specimenType, container, List.of(), List.of(), true)));
    }

    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong(1000);

    /** A fresh id for an order, order item or patient, unique within the test JVM's database. */
    static long nextId() {
        return IDS.incrementAndGet();
    }

    /** One order item (a test or a panel) expanded to its test codes. */
    static List<TubeRequest.RequestedTest> item(long itemId, List<String> codes) {
        return codes.stream().map(c -> new TubeRequest.RequestedTest(itemId, c)).toList();
    }

    @SafeVarargs
    static TubeRequest request(long orderId, long patientId, org.lavender.shared.Priority priority,
                               List<TubeRequest.RequestedTest>... items) {
        return new TubeRequest(orderId, patientId, priority,
                java.util.Arrays.stream(items).flatMap(List::stream).toList());
    }
}
