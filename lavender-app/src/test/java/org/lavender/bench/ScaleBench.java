package org.lavender.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * Scale benchmark (not part of the test suite): fills a persistent embedded PostgreSQL with a lab's years of work
 * (default 1M specimens and 10M results) by set-based SQL, then times every list page and search over real HTTP and
 * prints p50/p95/max per page. Run with {@code ./mvnw -B -Pbench verify -Dbench.specimens=1000000}; the data stays in
 * {@code lavender-app/data/bench-pg} so a second run only measures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "lavender.ephemeral-database=false", "lavender.data-dir=${bench.data-dir:data/bench-pg}"})
@ActiveProfiles("test")
class ScaleBench {

    private static final int RESULTS_PER_SPECIMEN = 10;
    private static final String[] CHEM = {"GLU", "BUN", "CREA", "NA", "K", "CL", "CO2", "CA", "ALB", "TP"};
    private static final String[] LOINC = {"2345-7", "3094-0", "2160-0", "2951-2", "2823-3", "2075-0", "2028-9",
            "17861-6", "1751-7", "2885-2"};
    private static final String[] NAMES = {"Glucose", "Urea nitrogen (BUN)", "Creatinine", "Sodium", "Potassium",
            "Chloride", "Carbon dioxide, total", "Calcium, total", "Albumin", "Protein, total"};
    private static final String[] UNITS = {"mg/dL", "mg/dL", "mg/dL", "mmol/L", "mmol/L", "mmol/L", "mmol/L", "mg/dL",
            "g/dL", "g/dL"};

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    @Test
    void listPagesAndSearchesAtScale() {
        int specimens = Integer.getInteger("bench.specimens", 1_000_000);
        int patients = Math.max(1000, specimens / 5);
        long existing = jdbc.sql("select count(*) from specimens.specimen where accession like 'B%'")
                .query(Long.class).single();
        if (existing < specimens) {
            generate(patients, specimens);
        }
        long specimenRows = count("specimens.specimen");
        long resultRows = count("results.result");
        long patientRows = count("patients.patient");
        System.out.printf("%nLavender scale bench: %,d patients, %,d specimens, %,d results%n", patientRows,
                specimenRows, resultRows);

        RestClient http = RestClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "admin-test-pass")).build();
        Random random = new Random(7);
        long maxPatient = jdbc.sql("select max(id) from patients.patient").query(Long.class).single();
        IntFunction<Long> somePatient = i -> 1 + (long) random.nextInt((int) Math.min(maxPatient, Integer.MAX_VALUE));
        String someMrn = jdbc.sql("select mrn from patients.patient where id = ?").param(maxPatient / 2)
                .query(String.class).single();

        var pages = new LinkedHashMap<String, IntFunction<String>>();
        pages.put("patients: search by name prefix", i -> "/patients?q=" + prefix(FAMILY[i % FAMILY.length], 4));
        pages.put("patients: search by name + given", i -> "/patients?q=" + FAMILY[i % FAMILY.length] + ",%20"
                + prefix(GIVEN[i % GIVEN.length], 2));
        pages.put("patients: search by MRN", i -> "/patients?q=" + someMrn);
        pages.put("patients: search by birth date", i -> "/patients?q=1970-01-" + String.format("%02d", 1 + i % 28));
        pages.put("patient page", i -> "/patients/" + somePatient.apply(i));
        pages.put("orders: list", i -> "/orders");
        pages.put("orders: active STAT", i -> "/orders?status=ACTIVE&priority=STAT");
        pages.put("specimens: list", i -> "/specimens");
        pages.put("specimens: received in CHEM", i -> "/specimens?status=RECEIVED&section=CHEM");
        pages.put("worklist CHEM", i -> "/results/worklist?section=CHEM");
        pages.put("verification CHEM", i -> "/results/verification?section=CHEM");
        pages.put("patient cumulative results", i -> "/results/patient/" + somePatient.apply(i));
        pages.put("api: results of a patient", i -> "/api/results?patientId=" + somePatient.apply(i));
        pages.put("audit trail", i -> "/audit");
        pages.put("FHIR Observation?patient", i -> "/fhir/Observation?patient=Patient/" + somePatient.apply(i));
        pages.put("FHIR Observation?subject&code", i -> "/fhir/Observation?subject=Patient/" + somePatient.apply(i)
                + "&code=http://loinc.org|2823-3");
        pages.put("FHIR Patient?name", i -> "/fhir/Patient?name=" + FAMILY[i % FAMILY.length]);

        System.out.printf("%-34s %9s %9s %9s%n", "page", "p50 ms", "p95 ms", "max ms");
        for (Map.Entry<String, IntFunction<String>> page : pages.entrySet()) {
            for (int i = 0; i < 5; i++) {
                get(http, page.getValue().apply(i));
            }
            var times = new ArrayList<Double>();
            for (int i = 0; i < 40; i++) {
                String uri = page.getValue().apply(i);
                long t0 = System.nanoTime();
                get(http, uri);
                times.add((System.nanoTime() - t0) / 1e6);
            }
            double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            System.out.printf("%-34s %9.1f %9.1f %9.1f%n", page.getKey(), sorted[sorted.length / 2],
                    sorted[(int) Math.ceil(sorted.length * 0.95) - 1], sorted[sorted.length - 1]);
        }
    }

    private static String prefix(String s, int n) {
        return s.substring(0, Math.min(n, s.length()));
    }

    private static void get(RestClient http, String uri) {
        var response = http.get().uri(uri).retrieve().onStatus(HttpStatusCode::isError, (req, res) -> {
            throw new IllegalStateException(uri + " answered " + res.getStatusCode());
        }).toEntity(byte[].class);
        if (response.getBody() == null || response.getBody().length == 0) {
            throw new IllegalStateException(uri + " answered an empty page");
        }
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static final String[] FAMILY = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas",
            "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez"};
    private static final String[] GIVEN = {"Mary", "James", "Patricia", "Robert", "Jennifer", "John", "Linda",
            "Michael", "Elizabeth", "David", "Barbara", "William", "Susan", "Richard", "Jessica", "Joseph"};

    /** Set-based generation: a few INSERT … SELECT generate_series statements, then the identities are moved on. */
    private void generate(int patients, int specimens) {
        long t0 = System.nanoTime();
        String fam = sqlArray(FAMILY);
        String giv = sqlArray(GIVEN);
        long p0 = next("patients.patient");
        long o0 = next("orders.lab_order");
        long s0 = next("specimens.specimen");
        run("patients", """
                insert into patients.patient (id, mrn, family, given, family_norm, given_norm, birth_date, sex,
                    created_at, created_by, updated_at, updated_by)
                overriding system value
                select g, 'B' || g, (%1$s)[1 + g %% %3$d] || case when g %% 7 = 0 then '' else (g %% 977)::text end,
                       (%2$s)[1 + (g / 7) %% %4$d],
                       lower((%1$s)[1 + g %% %3$d] || case when g %% 7 = 0 then '' else (g %% 977)::text end),
                       lower((%2$s)[1 + (g / 7) %% %4$d]),
                       date '1930-01-01' + (g * 37 %% 32000), case when g %% 2 = 0 then 'FEMALE' else 'MALE' end,
                       now(), 'bench', now(), 'bench'
                from generate_series(%5$d, %6$d) g""".formatted(fam, giv, FAMILY.length, GIVEN.length, p0,
                p0 + patients - 1));
        run("orders", """
                insert into orders.lab_order (id, order_number, patient_id, priority, ordering_provider, status,
                    ordered_at, ordered_by, source)
                overriding system value
                select %1$d + g, 'B' || g, %3$d + (g::bigint * 7919 %% %4$d),
                       case when g %% 10 = 0 then 'STAT' when g %% 10 = 1 then 'ASAP' else 'ROUTINE' end,
                       'Dr. Bench', case when g > %2$d - 500 then 'ACTIVE' else 'COMPLETED' end,
                       now() - ((%2$d - g) * interval '30 seconds'), 'bench', 'BENCH'
                from generate_series(0, %2$d - 1) g""".formatted(o0, specimens, p0, patients));
        run("order items", """
                insert into orders.item (order_id, orderable_code, loinc, name, test_codes, status, created_at)
                select %1$d + g, 'BMP', '51990-0', 'Basic metabolic panel', %3$s, 'ACTIVE', now()
                from generate_series(0, %2$d - 1) g""".formatted(o0, specimens, sqlArray(CHEM)));
        run("specimens", """
                insert into specimens.specimen (id, accession, order_id, patient_id, priority, container_code,
                    specimen_type, section, status, created_at, collected_at, collected_by, received_at, received_by)
                overriding system value
                select %1$d + g, 'B' || lpad(g::text, 10, '0'), %2$d + g, %4$d + (g::bigint * 7919 %% %5$d),
                       case when g %% 10 = 0 then 'STAT' when g %% 10 = 1 then 'ASAP' else 'ROUTINE' end,
                       'GOLD', 'serum', 'CHEM', 'RECEIVED', ts - interval '40 minutes', ts - interval '40 minutes',
                       'bench', ts, 'bench'
                from generate_series(0, %3$d - 1) g,
                     lateral (select now() - ((%3$d - g) * interval '30 seconds') as ts) t"""
                .formatted(s0, o0, specimens, p0, patients));
        run("specimen tests", """
                insert into specimens.specimen_test (specimen_id, order_item_id, test_code)
                select s.id, i.id, t.code
                from specimens.specimen s join orders.item i on i.order_id = s.order_id,
                     unnest(%1$s) as t(code)
                where s.id >= %2$d""".formatted(sqlArray(CHEM), s0));
        // About 500 tubes are still on the bench: their results are pending or preliminary, the rest final.
        run("results", """
                insert into results.result (specimen_id, accession, order_id, order_item_id, patient_id, priority,
                    priority_rank, test_code, loinc, test_name, section, result_type, unit, decimals, value_text,
                    numeric_value, interpretation, status, collected_at, received_at, resulted_at, resulted_by,
                    verified_at, verified_by)
                select s.id, s.accession, s.order_id, i.id, s.patient_id, s.priority,
                       case s.priority when 'STAT' then 0 when 'ASAP' then 1 else 2 end,
                       (%1$s)[k], (%2$s)[k], (%3$s)[k], 'CHEM', 'NUMERIC', (%4$s)[k], 1,
                       case when open then null else v::text end, case when open then null else v end,
                       case when open then null else 'N' end,
                       case when not open then 'FINAL' when s.id %% 2 = 0 then 'PENDING' else 'PRELIMINARY' end,
                       s.collected_at, s.received_at, s.received_at + interval '20 minutes', 'bench',
                       case when open then null else s.received_at + interval '25 minutes' end,
                       case when open then null else 'bench' end
                from specimens.specimen s join orders.item i on i.order_id = s.order_id,
                     generate_series(1, %5$d) k,
                     lateral (select s.id > %6$d as open, round((4 + (s.id * k) %% 97 / 10.0)::numeric, 1) as v) x
                where s.id >= %7$d""".formatted(sqlArray(CHEM), sqlArray(LOINC), sqlArray(NAMES), sqlArray(UNITS),
                RESULTS_PER_SPECIMEN, s0 + specimens - 500, s0));
        for (String table : List.of("patients.patient", "orders.lab_order", "specimens.specimen")) {
            jdbc.sql("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from " + table
                    + "))").query(Long.class).single();
        }
        run("analyze", "analyze");
        System.out.printf("Generated %,d patients and %,d specimens in %s%n", patients, specimens,
                Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s");
    }

    private long next(String table) {
        return jdbc.sql("select coalesce(max(id), 0) + 1 from " + table).query(Long.class).single();
    }

    private void run(String what, String sql) {
        long t0 = System.nanoTime();
        int rows = jdbc.sql(sql).update();
        System.out.printf("  %-16s %,12d rows %8.1f s%n", what, rows, (System.nanoTime() - t0) / 1e9);
    }

    private static String sqlArray(String[] values) {
        return "array[" + String.join(",", Arrays.stream(values).map(v -> "'" + v + "'").toList()) + "]::text[]";
    }
}
