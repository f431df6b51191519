package org.lavender.demo;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.TestDefinition;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patient;
import org.lavender.patients.PatientIdentifier;
import org.lavender.patients.PatientQuery;
import org.lavender.patients.Patients;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.Orders;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
import org.lavender.results.Results;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.RejectionReason;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.SpecimenStatus;
import org.lavender.specimens.Specimens;
import org.lavender.staff.Role;
import org.lavender.staff.StaffDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * Builds a working day of a small lab on first start in the demo profile: patients with orders that are waiting
 * for collection, in transit, on the bench, waiting for verification, released, corrected, rejected and
 * cancelled. Values are drawn around each test's reference interval, with some abnormal and a few critical.
 */
@Component
@Profile("demo")
@org.springframework.core.annotation.Order(10)
class DemoLab implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoLab.class);

    /** Demo users, one per role; their passwords are in README.md and exist only in the demo profile. */
    static final List<DemoUser> USERS = List.of(
            new DemoUser("tech", "Tess Tech, MLT", "tech-demo-1", EnumSet.of(Role.TECHNICIAN)),
            new DemoUser("verifier", "Val Verifier, MLS(ASCP)", "verifier-demo-1",
                    EnumSet.of(Role.VERIFIER, Role.TECHNICIAN)),
            new DemoUser("physician", "Dr. Pat Physician", "physician-demo-1", EnumSet.of(Role.PHYSICIAN)),
            new DemoUser("labadmin", "Lab Administrator", "labadmin-demo-1", EnumSet.of(Role.ADMIN)),
            new DemoUser("ehr", "Hospital EHR interface", "ehr-demo-1", EnumSet.of(Role.SYSTEM)));

    private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark",
            "Ramirez", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen",
            "Hill", "Flores", "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
            "Roberts", "Müller", "Öztürk", "Nakamura", "Okafor", "Kowalski", "Dubois", "Rossi", "Novak"};
    private static final String[] GIVEN_F = {"Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan",
            "Jessica", "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Sandra", "Ashley", "Emily", "Zoë", "Amara", "Yuki"};
    private static final String[] GIVEN_M = {"James", "Robert", "John", "Michael", "David", "William", "Richard",
            "Joseph", "Thomas", "Charles", "Daniel", "Matthew", "Anthony", "Mark", "José", "Kwame", "Hiroshi", "Lukas"};
    private static final String[] PROVIDERS = {"Dr. A. Okonkwo", "Dr. B. Lindqvist", "Dr. C. Ramírez",
            "Dr. D. Chen", "Dr. E. Schneider", "ED physician on duty"};

    private final StaffDirectory staff;
    private final Catalog catalog;
    private final Patients patients;
    private final Orders orders;
    private final Specimens specimens;
    private final Results results;
    private final Clock clock;
    private final int patientCount;
    private final Random random = new Random(20261125);
    private final DemoValues values;
    /** Share of patients whose level is critical high, above and below the interval (%). */
    private static final DemoValues.Mix MIX = new DemoValues.Mix(2, 10, 8);

    DemoLab(StaffDirectory staff, Catalog catalog, Patients patients, Orders orders, Specimens specimens,
            Results results, Clock clock, @Value("${lavender.demo.patients:200}") int patientCount,
            @Value("${lavender.results.autoverification.default-limits:}") String demoLimits) {
        this.values = DemoValues.of(demoLimits);
        this.staff = staff;
        this.catalog = catalog;
        this.patients = patients;
        this.orders = orders;
        this.specimens = specimens;
        this.results = results;
        this.clock = clock;
        this.patientCount = patientCount;
    }

    record DemoUser(String username, String displayName, String password, Set<Role> roles) {
    }

    /** The state a demo order is driven to. */
    enum Stage { ORDERED, COLLECTED, RECEIVED, ENTERED, RELEASED, CORRECTED, REJECTED, CANCELLED }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser u : USERS) {
            if (!staff.exists(u.username())) {
                staff.create(u.username(), u.displayName(), u.password(), u.roles());
            }
        }
        if (!patients.search(new PatientQuery(null, null, null, null), null, 1).items().isEmpty()) {
            log.info("Demo lab: data already present, nothing added");
            return;
        }
        long started = System.nanoTime();
        List<Orderable> menu = demoMenu();
        var planned = new ArrayList<Planned>();
        try {
            actAs("tech", Role.TECHNICIAN);
            for (int i = 0; i < patientCount; i++) {
                Patient patient = patients.register(randomPatient(i));
                int orderCount = i % 4 == 0 ? 2 : 1;
                for (int k = 0; k < orderCount; k++) {
                    // A patient's earlier order is released, so the cumulative view and history have something.
                    Stage stage = k < orderCount - 1 ? Stage.RELEASED : stageFor(i);
                    planned.add(placeAndHandle(patient, menu, stage));
                }
            }
            waitForBench(planned);
            enterAndRelease(planned);
        } finally {
            SecurityContextHolder.clearContext();
        }
        log.info("Demo lab: {} patients, {} orders in every state, built in {} ms", patientCount, planned.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private record Planned(Order order, Stage stage, List<Specimen> received) {
    }

    private List<Orderable> demoMenu() {
        var menu = new ArrayList<Orderable>();
        for (Orderable o : catalog.searchOrderables("", 500)) {
            if (o.panel() || o.loinc() != null
                    && List.of("3016-3", "4548-4", "89579-7", "1988-5", "2524-7").contains(o.loinc())) {
                menu.add(o);
            }
        }
        if (menu.isEmpty()) {
            throw new IllegalStateException("The catalog has no panels: the starter menu migration did not run");
        }
        return menu;
    }

    private static Stage stageFor(int i) {
        return switch (i % 20) {
            case 0, 1 -> Stage.ORDERED;
            case 2, 3 -> Stage.COLLECTED;
            case 4, 5 -> Stage.RECEIVED;
            case 6, 7, 8, 9 -> Stage.ENTERED;
            case 10, 11, 12, 13, 14, 15 -> Stage.RELEASED;
            case 16 -> Stage.CORRECTED;
            case 17, 18 -> Stage.REJECTED;
            default -> Stage.CANCELLED;
        };
    }

    private NewPatient randomPatient(int i) {
        boolean female = random.nextBoolean();
        String given = female ? GIVEN_F[random.nextInt(GIVEN_F.length)] : GIVEN_M[random.nextInt(GIVEN_M.length)];
        String family = FAMILY[random.nextInt(FAMILY.length)];
        // Mostly adults, some children and a few neonates, so age bands matter.
        int ageDays = switch (i % 25) {
            case 0 -> 2 + random.nextInt(20);
            case 1, 2 -> 365 * (1 + random.nextInt(14));
            default -> 365 * (18 + random.nextInt(70)) + random.nextInt(365);
        };
        LocalDate birth = LocalDate.now(clock).minusDays(ageDays);
        var hospitalId = new PatientIdentifier("urn:oid:2.16.840.1.113883.3.9999.1", "H" + (700000 + i * 7));
        return new NewPatient(null, family, given, birth, female ? Sex.FEMALE : Sex.MALE,
                "+1 555 01" + String.format("%02d", i % 100), List.of(hospitalId));
    }

    private Planned placeAndHandle(Patient patient, List<Orderable> menu, Stage stage) {
        var codes = new ArrayList<String>();
        Orderable first = menu.get(random.nextInt(menu.size()));
        codes.add(first.code());
        if (random.nextInt(3) == 0) {
            // A second orderable only if it shares no test with the first (orders refuse a test ordered twice).
            Orderable second = menu.get(random.nextInt(menu.size()));
            var firstTests = first.tests().stream().map(TestDefinition::code).toList();
            if (second.tests().stream().map(TestDefinition::code).noneMatch(firstTests::contains)) {
                codes.add(second.code());
            }
        }
        Priority priority = random.nextInt(6) == 0 ? Priority.STAT : random.nextInt(5) == 0 ? Priority.ASAP
                : Priority.ROUTINE;
        Order order = orders.place(new NewOrder(patient.id(), codes, priority,
                PROVIDERS[random.nextInt(PROVIDERS.length)], random.nextInt(4) == 0 ? "Fasting sample requested" : null,
                null, "DEMO"));
        if (stage == Stage.CANCELLED) {
            orders.cancel(order.id(), "Duplicate order, placed twice by the ward");
            return new Planned(order, stage, List.of());
        }
        if (stage == Stage.ORDERED) {
            return new Planned(order, stage, List.of());
        }
        Instant collected = clock.instant();
        var received = new ArrayList<Specimen>();
        for (Specimen tube : specimens.forOrder(order.id())) {
            if (tube.status() != SpecimenStatus.ORDERED) {
                continue;
            }
            specimens.collect(tube.accession(), "tech", collected);
            if (stage == Stage.COLLECTED) {
                continue;
            }
            if (stage == Stage.REJECTED && received.isEmpty()) {
                specimens.reject(tube.accession(), RejectionReason.HEMOLYZED, "Gross hemolysis, pink serum");
                continue;
            }
            received.add(specimens.receive(tube.accession()));
        }
        return new Planned(order, stage, received);
    }

    /** Receipt opens pending results asynchronously (an event after commit); wait until the bench has them. */
    private void waitForBench(List<Planned> planned) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        for (Planned p : planned) {
            for (Specimen s : p.received()) {
                while (results.search(new ResultQuery(null, s.id(), null, null, null, null), null, 1).items()
                        .isEmpty()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("Pending results for " + s.accession() + " did not appear");
                    }
                    sleep();
                }
            }
        }
    }

    private void enterAndRelease(List<Planned> planned) {
        for (Planned p : planned) {
            if (!EnumSet.of(Stage.ENTERED, Stage.RELEASED, Stage.CORRECTED, Stage.REJECTED).contains(p.stage())) {
                continue;
            }
            actAs("tech", Role.TECHNICIAN);
            var entered = new ArrayList<Long>();
            for (LabResult r : results.forOrder(p.order().id())) {
                if (r.status() == ResultStatus.PENDING && !results.calculated(r.testCode())) {
                    entered.add(results.enter(r.id(), valueFor(r), null).id());
                }
            }
            if (p.stage() == Stage.ENTERED || entered.isEmpty()) {
                continue;
            }
            actAs("verifier", Role.VERIFIER, Role.TECHNICIAN);
            // Calculated results (eGFR, anion gap) appeared with their inputs and are released with them.
            results.verify(results.forOrder(p.order().id()).stream()
                    .filter(r -> r.status() == ResultStatus.PRELIMINARY).map(LabResult::id).toList());
            if (p.stage() == Stage.CORRECTED) {
                LabResult first = results.find(entered.get(0)).orElseThrow();
                results.correct(first.id(), correctedValue(first),
                        "Result entered against the wrong specimen; repeated");
            }
        }
    }

    /**
     * The value on repeat after a mix-up: the released one belonged to another patient's specimen, so the repeat
     * shows this patient's own level; it always differs from the released value (a correction must change it).
     */
    private String correctedValue(LabResult released) {
        TestDefinition test = catalog.test(released.testCode()).orElseThrow();
        String repeat = switch (test.resultType()) {
            case CODED -> test.answers().stream().filter(a -> !a.equals(released.valueText())).findFirst()
                    .orElse(released.valueText());
            case TEXT -> "No abnormality detected on repeat";
            case NUMERIC -> values.value(released.patientId() + 7919, test, released.referenceLow(),
                    released.referenceHigh(), null, MIX, random);
        };
        if (!repeat.equals(released.valueText())) {
            return repeat;
        }
        BigDecimal v = new BigDecimal(repeat);
        return v.add(BigDecimal.ONE.movePointLeft(Math.max(v.scale(), 0))).toPlainString();
    }

    /** A plausible value: mostly inside the interval, some patients just outside, about 2 % critical. */
    private String valueFor(LabResult r) {
        TestDefinition test = catalog.test(r.testCode()).orElseThrow();
        return switch (test.resultType()) {
            case CODED -> random.nextInt(8) == 0 && !test.abnormalAnswers().isEmpty()
                    ? test.abnormalAnswers().get(0) : test.answers().get(0);
            case TEXT -> "No abnormality detected";
            case NUMERIC -> numericValue(r, test);
        };
    }

    private String numericValue(LabResult r, TestDefinition test) {
        ReferenceInterval interval = catalog.interval(test.code(), Sex.UNKNOWN, 365L * 40).orElse(null);
        BigDecimal low = r.referenceLow() != null ? r.referenceLow() : interval == null ? null : interval.low();
        BigDecimal high = r.referenceHigh() != null ? r.referenceHigh() : interval == null ? null : interval.high();
        return values.value(r.patientId(), test, low, high, interval == null ? null : interval.criticalHigh(), MIX,
                random);
    }

    private static void actAs(String username, Role... roles) {
        var authorities = java.util.Arrays.stream(roles).map(r -> new SimpleGrantedAuthority(r.authority())).toList();
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(username, null, authorities));
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while building the demo lab", e);
        }
    }
}
