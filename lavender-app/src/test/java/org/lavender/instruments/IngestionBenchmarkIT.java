package org.lavender.instruments;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.lavender.LavenderIT;
import org.lavender.catalog.Catalog;
import org.lavender.catalog.Orderable;
import org.lavender.catalog.ReferenceInterval;
import org.lavender.catalog.TestDefinition;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Orders;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patients;
import org.lavender.shared.Priority;
import org.lavender.shared.Sex;
import org.lavender.specimens.Specimen;
import org.lavender.specimens.Specimens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.TestPropertySource;

/**
 * Ingestion benchmark (not a timed test; runs only with -Dlavender.benchmark=true): K MLLP connections each send N
 * ORU^R01 of 20 OBX (a CBC) for received tubes, waiting for every ACK. Prints msgs/s, results/s (until every
 * result is filed by the results module), p50/p99 receipt-to-ACK latency, and the ceiling of the same database:
 * batched INSERT rows/s, with the database work of one message (transactions, rows written and scans per table). With
 * -Dlavender.benchmark.preload=1000000 it then bulk-inserts that many stored messages and runs again (no slowdown
 * expected). Sizes: -Dlavender.benchmark.connections (4), .messages per connection (250), .tubes (as many
 * as messages: each message files one tube's first results, as in a lab; fewer tubes make every message a re-run);
 * -Dlavender.benchmark.rate=200 offers a fixed rate (messages/s) instead of sending as fast as ACKs come;
 * .warmup (250 per connection) messages are sent first, on their own tubes, and not counted. Run:
 * <pre>
 * ./mvnw -B -o -pl lavender-app -am verify -Dtest=none -Dit.test=IngestionBenchmarkIT -Dlavender.benchmark=true \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false
 * </pre>
 */
@LavenderIT
@EnabledIfSystemProperty(named = "lavender.benchmark", matches = "true")
// Production settings: durable commits; pg_stat_statements shows what one message costs, statement by statement.
@TestPropertySource(properties = {"lavender.embedded-postgres.synchronous-commit=on",
        "lavender.embedded-postgres.shared-preload-libraries=pg_stat_statements"})
class IngestionBenchmarkIT {

    private static final java.util.Queue<String> SLOW = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Autowired Instruments instruments;
    @Autowired Catalog catalog;
    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired JdbcTemplate jdbc;

    @Test
    void ingestion() throws Exception {
        int connections = Integer.getInteger("lavender.benchmark.connections", 4);
        int perConnection = Integer.getInteger("lavender.benchmark.messages", 250);
        int tubeCount = Integer.getInteger("lavender.benchmark.tubes", connections * perConnection);
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "admin", null, List.of(new SimpleGrantedAuthority("ROLE_ADMIN"),
                        new SimpleGrantedAuthority("ROLE_TECHNICIAN"))));
        Analyzer analyzer = instruments.analyzerByName("Bench HL7").orElseGet(() -> instruments.create(
                new AnalyzerSettings("Bench HL7", "Load generator", null, AnalyzerProtocol.HL7, Transport.TCP_SERVER,
                        null, 0, null, "UTF-8", true, true)));
        Orderable cbc = catalog.orderable("CBC").orElseThrow();
        List<TestDefinition> tests = cbc.tests();
        // A warm-up round (its own tubes, reported in one line) lets the JIT compile the paths before timing.
        int warmUpPerConnection = Integer.getInteger("lavender.benchmark.warmup", 250);
        // The round after the preload files on tubes of its own (first results, as in the first round).
        int preload = Integer.getInteger("lavender.benchmark.preload", 0);
        int rounds = preload > 0 ? 2 : 1;
        List<String> tubes = new ArrayList<>();
        for (int i = 0; i < tubeCount * rounds + connections * warmUpPerConnection; i++) {
            long patient = patients.register(new NewPatient(null, "Bench", "Patient", LocalDate.of(1980, 1, 1).plusDays(i),
                    Sex.FEMALE, null, List.of())).id();
            long order = orders.place(new NewOrder(patient, List.of("CBC"), Priority.ROUTINE, "Dr. Bench", null,
                    null, "UI")).id();
            Specimen tube = specimens.forOrder(order).get(0);
            tubes.add(specimens.receive(tube.accession()).accession());
        }
        Thread.sleep(2_000);
        int port = instruments.status().stream().filter(s -> s.analyzer().id() == analyzer.id()).findFirst()
                .orElseThrow().boundPort();
        double ceiling = insertCeiling();
        List<String> warmUpTubes = tubes.subList(tubeCount * rounds, tubes.size());
        List<String> afterPreloadTubes = tubes.subList(tubeCount, tubeCount * rounds);
        tubes = tubes.subList(0, tubeCount);
        if (warmUpPerConnection > 0) {
            round("warm-up", port, connections, warmUpPerConnection, warmUpTubes, tests, ceiling);
        }
        long errors = round("empty store", port, connections, perConnection, tubes, tests, ceiling);
        if (preload > 0) {
            long started = System.nanoTime();
            preload(analyzer.id(), preload);
            System.out.printf("%nPRELOADED %d stored messages (and one observation each) in %.1f s%n", preload,
                    (System.nanoTime() - started) / 1e9);
            errors += round("after " + preload + " stored messages", port, connections, perConnection,
                    afterPreloadTubes, tests, insertCeiling());
        }
        assertThat(errors).isZero();
    }

    private long round(String label, int port, int connections, int perConnection, List<String> tubes,
                       List<TestDefinition> tests, double ceiling) throws Exception {
        long maxIdBefore = jdbc.queryForObject("select coalesce(max(id), 0) from instruments.raw_message", Long.class);
        Thread.sleep(1_000);
        Map<String, long[]> tablesBefore = tableCounts();
        long commitsBefore = commits();
        jdbc.execute("create extension if not exists pg_stat_statements");
        jdbc.execute("select pg_stat_statements_reset()");

        SLOW.clear();
        long[] gcBefore = gc();
        Map<String, Long> appCpuBefore = appCpu();
        long databaseCpuBefore = databaseCpu();
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<long[]>> runs = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int connection = c;
            runs.add(pool.submit(() -> send(port, connection, perConnection, tubes, tests, started, connections)));
        }
        long[] latencies = runs.stream().flatMapToLong(f -> {
            try {
                return Arrays.stream(f.get());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).sorted().toArray();
        long acked = System.nanoTime();
        pool.shutdown();
        long expected = (long) connections * perConnection * tests.size();
        // Done when every message is settled (FILED, or ERROR with its refusals): a cheap poll on the message rows.
        long settled;
        do {
            Thread.sleep(200);
            settled = jdbc.queryForObject("select count(*) from instruments.raw_message where id > ?"
                    + " and state in ('FILED','ERROR')", Long.class, maxIdBefore);
        } while (settled < (long) connections * perConnection && System.nanoTime() - acked < 600_000_000_000L);
        long done = System.nanoTime();
        long filed = jdbc.queryForObject("select count(*) from instruments.observation where raw_message_id > ?"
                + " and state in ('FILED','ERROR')", Long.class, maxIdBefore);
        Map<String, Long> appCpuAfter = appCpu();
        long databaseCpuAfter = databaseCpu();
        long errors = jdbc.queryForObject("select count(*) from instruments.observation o join instruments.raw_message m"
                + " on m.id = o.raw_message_id where m.id > ? and o.state = 'ERROR'", Long.class, maxIdBefore);

        double ackSeconds = (acked - started) / 1e9;
        double fileSeconds = (done - started) / 1e9;
        int messages = connections * perConnection;
        int rate = Integer.getInteger("lavender.benchmark.rate", 0);
        if (label.equals("warm-up")) {
            System.out.printf("%nwarm-up (not counted): %d messages, stored+ACKed %.0f msgs/s, ACK p99 %.1f ms,"
                            + " filed %.0f msgs/s%n", messages, messages / ackSeconds,
                    latencies[(int) (latencies.length * 0.99)] / 1e6, messages / fileSeconds);
            return errors;
        }
        System.out.printf("%nINGESTION BENCHMARK (%s): %d connections x %d ORU^R01 x %d OBX, %d tubes, %s, load %s%n",
                label, connections, perConnection, tests.size(), tubes.size(),
                rate > 0 ? "offered at " + rate + " msgs/s" : "as fast as ACKs come", loadAverage());
        System.out.printf("  stored+ACKed : %.0f msgs/s (%d in %.1f s)%n", messages / ackSeconds, messages, ackSeconds);
        System.out.printf("  ACK latency  : p50 %.1f ms, p99 %.1f ms%n", latencies[latencies.length / 2] / 1e6,
                latencies[(int) (latencies.length * 0.99)] / 1e6);
        long[] gcAfter = gc();
        System.out.printf("  ACKs > 100 ms: %d (sent at s:took) %s; garbage collections %d, %d ms in total%n",
                SLOW.size(), SLOW.stream().limit(20).toList(), gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]);
        System.out.printf("  filed        : %.0f results/s, %.0f msgs/s (%d of %d in %.1f s, %d refused)%n",
                filed / fileSeconds, messages / fileSeconds, filed, expected, fileSeconds, errors);
        System.out.printf("  ceiling      : %.0f rows/s batched INSERT into a plain logged table of the same database (results/s = %.1f %% of it)%n",
                ceiling, 100 * filed / fileSeconds / ceiling);
        // What one message cost the database: transactions and row writes per table (PostgreSQL statistics).
        Thread.sleep(1_500);
        Map<String, long[]> tablesAfter = tableCounts();
        System.out.printf("  per message  : %.1f transactions%n", (commits() - commitsBefore) / (double) messages);
        tablesAfter.forEach((table, after) -> {
            long[] before = tablesBefore.getOrDefault(table, new long[5]);
            double ins = (after[0] - before[0]) / (double) messages;
            double upd = (after[1] - before[1]) / (double) messages;
            double del = (after[2] - before[2]) / (double) messages;
            double scans = (after[3] - before[3]) / (double) messages;
            double hot = (after[4] - before[4]) / (double) messages;
            if (ins + upd + del + scans >= 0.05) {
                System.out.printf("    %-36s %6.1f inserted %6.1f updated (%4.1f in place) %6.1f deleted %6.1f scans%n",
                        table, ins, upd, hot, del, scans);
            }
        });
        // Where the CPU went (2 cores: 2 s of CPU per second at most), per message.
        var appPerMessage = new TreeMap<String, Double>();
        appCpuAfter.forEach((threads, nanos) -> appPerMessage.put(threads,
                (nanos - appCpuBefore.getOrDefault(threads, 0L)) / 1e6 / messages));
        System.out.printf("  CPU/message  : application %.2f ms (%s), database %s%n",
                appPerMessage.values().stream().mapToDouble(Double::doubleValue).sum(),
                appPerMessage.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                        .map(e -> String.format("%s %.2f", e.getKey(), e.getValue()))
                        .collect(java.util.stream.Collectors.joining(", ")),
                databaseCpuBefore < 0 ? "unknown (no /proc)"
                        : String.format("%.2f ms", (databaseCpuAfter - databaseCpuBefore) * 10.0 / messages));
        System.out.println("  statements (database time, calls per message), the 15 costliest:");
        jdbc.query("""
                select total_exec_time, calls, regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements
                where query not like '%pg_stat_statements%' order by total_exec_time desc limit 15""", rs -> {
            System.out.printf("    %8.0f ms %6.1f/msg  %.110s%n", rs.getDouble(1), rs.getLong(2) / (double) messages,
                    rs.getString(3));
        });
        System.out.printf("  statements per message: %.1f%n", jdbc.queryForObject("select sum(calls) from"
                + " pg_stat_statements where query not like '%pg_stat_statements%'", Long.class) / (double) messages);
        return errors;
    }

    /** CPU time of this JVM's threads (ns), by thread name without its number ("analyzer-filing"). */
    private static Map<String, Long> appCpu() {
        var bean = java.lang.management.ManagementFactory.getThreadMXBean();
        var cpu = new TreeMap<String, Long>();
        for (java.lang.management.ThreadInfo info : bean.getThreadInfo(bean.getAllThreadIds())) {
            long nanos = info == null ? -1 : bean.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                cpu.merge(info.getThreadName().replaceAll("[-_]?\\d+$", ""), nanos, Long::sum);
            }
        }
        return cpu;
    }

    /** CPU time (clock ticks) of this test's PostgreSQL server and its backends, from /proc; -1 elsewhere. */
    private long databaseCpu() {
        try {
            int backend = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
            String postmaster = stat(backend)[3];
            long ticks = 0;
            try (var procs = java.nio.file.Files.list(java.nio.file.Path.of("/proc"))) {
                for (var proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    String[] f = stat(Integer.parseInt(proc.getFileName().toString()));
                    if (f != null && (f[3].equals(postmaster) || f[0].equals(postmaster))) {
                        ticks += Long.parseLong(f[13]) + Long.parseLong(f[14]);
                    }
                }
            }
            return ticks;
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The fields of /proc/{pid}/stat with the command name taken out (it may hold spaces), or null. */
    private static String[] stat(int pid) {
        try {
            String line = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            return (pid + " x" + line.substring(line.lastIndexOf(')') + 1)).split(" ");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private Map<String, long[]> tableCounts() {
        var counts = new TreeMap<String, long[]>();
        jdbc.query("select schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del,"
                + " coalesce(seq_scan, 0) + coalesce(idx_scan, 0), n_tup_hot_upd from pg_stat_user_tables", rs -> {
                    counts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(6)});
                });
        return counts;
    }

    private long commits() {
        return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
                Long.class);
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /**
     * Bulk-inserts filed messages (with one observation each) by SQL, as a store after months of use: the
     * indexes (unique sender + control id, the partial open/dead-letter indexes, the day index) keep storing,
     * de-duplicating and sweeping independent of its size.
     */
    private void preload(long analyzerId, int count) {
        jdbc.update("""
                insert into instruments.raw_message (analyzer_id, connection_id, peer, received_at, bytes, dedup_key,
                    state, updated_at)
                select ?, 'preload', 'preload', now() - interval '30 days' + i * interval '1 second',
                    convert_to('MSH|^~\\&|PRELOAD|LAB|LAVENDER|LAB|20261025||ORU^R01|P-' || i || '|P|2.5.1', 'UTF8'),
                    'hl7:PRELOAD|LAB|P-' || i, 'FILED', now()
                from generate_series(1, ?) i""", analyzerId, count);
        jdbc.update("""
                insert into instruments.observation (raw_message_id, seq, accession, instrument_code, test_code,
                    value_text, unit, state)
                select id, 1, '261025-000011', '718-7', 'HGB', '13.5', 'g/dL', 'FILED'
                from instruments.raw_message where connection_id = 'preload'""");
        // As a store that grew over months: vacuumed and analyzed (else autovacuum would run during the round).
        jdbc.execute("vacuum analyze instruments.raw_message");
        jdbc.execute("vacuum analyze instruments.observation");
    }

    /** Garbage collections so far and their total time (ms), all collectors. */
    private static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, bean.getCollectionCount());
            millis += Math.max(0, bean.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    /**
     * Sends {@code count} messages on one connection, each after the previous ACK. With
     * -Dlavender.benchmark.rate (messages/s over all connections) each message has a due time and its latency is
     * counted from then, so a send held up behind a slow ACK counts its wait too (no coordinated omission).
     */
    private long[] send(int port, int connection, int count, List<String> tubes, List<TestDefinition> tests,
                        long started, int connections) throws Exception {
        int rate = Integer.getInteger("lavender.benchmark.rate", 0);
        long interval = rate <= 0 ? 0 : 1_000_000_000L * connections / rate;
        long[] latencies = new long[count];
        try (var socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            var out = new java.io.BufferedOutputStream(socket.getOutputStream());
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < count; i++) {
                int index = connection * count + i;
                String tube = tubes.get(index % tubes.size());
                // The n-th message for a tube sends n steps above mid-range: every message really changes the
                // results it files (a re-run), whatever order the connections' messages arrive in.
                int visit = index / tubes.size();
                List<AnalyzerSimulator.Measurement> values = tests.stream().map(t -> new AnalyzerSimulator.Measurement(
                        t.loinc(), value(t, visit), t.unit() == null ? "" : t.unit())).toList();
                byte[] framed = org.lavender.protocols.mllp.MllpEncoder.encode(AnalyzerSimulator.oru(tube, values,
                        Instant.now(), ZoneId.systemDefault()).getBytes(StandardCharsets.UTF_8));
                long t0 = System.nanoTime();
                if (interval > 0) {
                    long due = started + connection * interval / connections + i * interval;
                    if (due > t0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(due - t0);
                    }
                    t0 = due;
                }
                out.write(framed);
                out.flush();
                int previous = -1;
                for (int b = in.read(); b >= 0; b = in.read()) {
                    if (previous == 0x1C && b == 0x0D) {
                        break;
                    }
                    previous = b;
                }
                latencies[i] = System.nanoTime() - t0;
                if (latencies[i] > 100_000_000L) {
                    SLOW.add(String.format("%.2fs:%.0fms", (t0 - started) / 1e9, latencies[i] / 1e6));
                }
            }
        }
        return latencies;
    }

    private String value(TestDefinition test, int visit) {
        var interval = catalog.interval(test.code(), Sex.FEMALE, 365L * 45);
        BigDecimal low = interval.map(ReferenceInterval::low).orElse(BigDecimal.ONE);
        BigDecimal high = interval.map(ReferenceInterval::high).orElse(low.add(BigDecimal.TEN));
        BigDecimal mid = low.add(high).divide(BigDecimal.valueOf(2), 6, RoundingMode.HALF_UP);
        int decimals = test.decimals() == null ? 1 : test.decimals();
        BigDecimal step = BigDecimal.ONE.movePointLeft(decimals);
        return mid.add(step.multiply(BigDecimal.valueOf(visit))).setScale(decimals, RoundingMode.HALF_UP)
                .toPlainString();
    }

    /**
     * Rows per second a batched INSERT of observation-sized rows reaches in this database: into an ordinary table
     * without indexes, so every row is written to the WAL as the application's rows are (a temporary table skips
     * the WAL and would overstate the ceiling), each batch of 1,000 committed durably.
     */
    private double insertCeiling() {
        jdbc.execute("drop table if exists public.bench_ceiling");
        jdbc.execute("create table public.bench_ceiling (raw_message_id bigint, seq int, accession text,"
                + " instrument_code text, test_code text, value_text text, unit text, state text)");
        int rows = 200_000;
        List<Object[]> batch = new ArrayList<>(1000);
        long started = System.nanoTime();
        for (int i = 0; i < rows; i++) {
            batch.add(new Object[] {(long) i, i % 20, "261125-000011", "718-7", "HGB", "13.5", "g/dL", "PENDING"});
            if (batch.size() == 1000) {
                jdbc.batchUpdate("insert into public.bench_ceiling values (?, ?, ?, ?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        jdbc.execute("drop table public.bench_ceiling");
        return rows / seconds;
    }
}
