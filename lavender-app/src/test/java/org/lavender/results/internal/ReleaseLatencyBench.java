package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;
import org.lavender.LavenderIT;
import org.lavender.orders.NewOrder;
import org.lavender.orders.Order;
import org.lavender.orders.Orders;
import org.lavender.patients.NewPatient;
import org.lavender.patients.Patients;
import org.lavender.results.LabResult;
import org.lavender.results.ResultQuery;
import org.lavender.results.ResultStatus;
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
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On-demand latency benchmark (not part of the test suite, never a timed assertion): on the application with its
 * embedded PostgreSQL, times (1) what releasing one verified result costs — the verification transaction with its
 * audit entry, ResultVerified event publication, reflex rules and re-judging of calculated results, while the
 * after-commit listeners of earlier releases (orders completing) run beside it as in production — and (2) the
 * previous-result lookup a delta check makes. The release target is p99 &lt; 5 ms.
 *
 * <p>Production database settings: durable commits ({@code synchronous_commit=on}, which the test profile turns off),
 * so every commit waits for its WAL flush. {@code bench.warmup} releases (default 3000) are made first and not
 * counted, so the JIT has compiled the path. Then {@code bench.results} releases (default 3000) are timed back to
 * back, each competing for the machine with the after-commit listeners of the ones before it, and
 * {@code bench.paced} more (default 1000) one every {@code bench.pace-ms} (default 20 ms, far above a lab's rate).
 * Printed with the sample count: p50/p95/p99/max of the whole release, of its commit (the WAL flush) and of the CPU
 * time of the releasing thread; the garbage collections while timing; the load average (the machine is shared);
 * what the database did per release, statement by statement (pg_stat_statements: calls, mean and max time; a lock
 * wait shows as a long max on a {@code for update}); and a durable one-row commit, the floor of any write on this
 * disk. Run:
 * <pre>
 * ./mvnw -B -o -Pbench -pl lavender-app -am verify -Dit.test=ReleaseLatencyBench -Djmh.skip=true \
 *     -Dbench.results=3000 -Dbench.warmup=3000 -Dbench.paced=1000 -Dbench.pace-ms=20
 * </pre>
 */
@LavenderIT
@TestPropertySource(properties = {"lavender.embedded-postgres.synchronous-commit=on",
        "lavender.embedded-postgres.shared-preload-libraries=pg_stat_statements"})
class ReleaseLatencyBench {

    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired ResultService results;
    @Autowired IntelligenceRepository rules;
    @Autowired TransactionTemplate transactions;
    @Autowired JdbcTemplate jdbc;

    @Test
    void releaseAndPreviousLookupLatency() throws InterruptedException {
        int measured = Integer.getInteger("bench.results", 3000);
        int warmup = Integer.getInteger("bench.warmup", 3000);
        int paced = Integer.getInteger("bench.paced", 1000);
        int paceMs = Integer.getInteger("bench.pace-ms", 20);
        jdbc.execute("create extension if not exists pg_stat_statements");
        System.out.printf("%nrelease benchmark: synchronous_commit=%s, %d warm-up + %d timed releases back to back"
                + " + %d one every %d ms%n", jdbc.queryForObject("show synchronous_commit", String.class), warmup,
                measured, paced, paceMs);
        var patientIds = new ArrayList<Long>();
        List<Long> ids = enterResults(warmup + measured + paced, patientIds);

        act("bench-verifier", "ROLE_VERIFIER");
        // The warm-up runs the very loop that is timed, so the JIT has compiled what is measured.
        release(ids.subList(0, warmup), 0);
        settle();
        jdbc.execute("select pg_stat_statements_reset()");
        long commitsBefore = commits();
        var pauses = new ConcurrentLinkedQueue<long[]>();
        NotificationListener gcListener = gcPauses(pauses);
        long gcCountBefore = gcCount();
        long gcMillisBefore = gcMillis();

        List<Long> timed = ids.subList(warmup, warmup + measured);
        Timings t = release(timed, 0);
        long[] release = t.release();
        long[] commit = t.commit();
        long[] cpu = t.cpu();
        long[] startedMs = t.startedMs();
        long gcCount = gcCount() - gcCountBefore;
        long gcMillis = gcMillis() - gcMillisBefore;
        settle();
        removeGcListener(gcListener);
        print("release of one verified result, back to back (each beside the after-commit listeners of the ones"
                + " before)", release);
        print("  of which the commit", commit);
        print("  CPU time of the releasing thread (the JVM's own work, less the machine's load)", cpu);
        int third = release.length / 3;
        System.out.printf("  p50 by thirds of the run (warm-up check): %.2f / %.2f / %.2f ms%n",
                percentile(Arrays.copyOfRange(release, 0, third), 0.5) / 1e6,
                percentile(Arrays.copyOfRange(release, third, 2 * third), 0.5) / 1e6,
                percentile(Arrays.copyOfRange(release, 2 * third, release.length), 0.5) / 1e6);
        System.out.printf("  garbage collections while timing: %d, %d ms in total; timed releases at or above p99"
                + " that overlapped a collection: %d%n", gcCount, gcMillis, slowDuringGc(release, startedMs, pauses));
        System.out.printf("  load average: %s%n", loadAverage());
        statementsPerRelease(timed.size(), commits() - commitsBefore);
        print("durable commit of a one-row insert (the floor of any write)", durableCommits(1000));
        Timings atPace = release(ids.subList(warmup + measured, ids.size()), paceMs);
        print("release of one verified result, one every " + paceMs + " ms (its listeners have time to finish)",
                atPace.release());
        print("  of which the commit", atPace.commit());

        long[] lookup = new long[patientIds.size() * 3];
        Instant now = Instant.now();
        for (int i = 0; i < lookup.length; i++) {
            long patient = patientIds.get(i % patientIds.size());
            long t0 = System.nanoTime();
            transactions.execute(s -> rules.previousReleased(List.of(
                    new IntelligenceRepository.PreviousQuery(-1, patient, "K", now))));
            lookup[i] = System.nanoTime() - t0;
        }
        print("previous released result lookup (delta)", lookup);
        assertThat(results.find(ids.get(ids.size() - 1)).orElseThrow().status()).isEqualTo(ResultStatus.FINAL);
    }

    /** Per release: wall time, the commit's part of it, CPU time of the releasing thread, and when it started. */
    private record Timings(long[] release, long[] commit, long[] cpu, long[] startedMs) {
    }

    /**
     * Releases each result on its own, as a verifier does one at a time, and times it: back to back, or one every
     * {@code paceMs} milliseconds.
     */
    private Timings release(List<Long> ids, int paceMs) {
        var t = new Timings(new long[ids.size()], new long[ids.size()], new long[ids.size()], new long[ids.size()]);
        var threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            long[] commitMarks = new long[2];
            t.startedMs()[i] = ManagementFactory.getRuntimeMXBean().getUptime();
            long cpu0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            // verify() joins this transaction (the same work and boundaries as a call of its own), so that the
            // commit, which waits for the WAL flush, can be timed apart.
            transactions.executeWithoutResult(s -> {
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void beforeCompletion() {
                        commitMarks[0] = System.nanoTime();
                    }

                    @Override
                    public void afterCommit() {
                        commitMarks[1] = System.nanoTime();
                    }
                });
                results.verify(List.of(id));
            });
            t.release()[i] = System.nanoTime() - t0;
            t.cpu()[i] = threads.getCurrentThreadCpuTime() - cpu0;
            t.commit()[i] = commitMarks[1] - commitMarks[0];
            java.util.concurrent.locks.LockSupport.parkNanos(t0 + paceMs * 1_000_000L - System.nanoTime());
        }
        return t;
    }

    /** Orders K, Na and Cl for new patients, receives the tubes and enters a value for each: {@code count} results. */
    private List<Long> enterResults(int count, List<Long> patientIds) throws InterruptedException {
        act("bench-tech", "ROLE_TECHNICIAN");
        var ids = new ArrayList<Long>();
        while (ids.size() < count) {
            long patient = patients.register(new NewPatient(null, "Bench", "Release",
                    java.time.LocalDate.of(1970, 1, 1), Sex.FEMALE, null, List.of())).id();
            patientIds.add(patient);
            for (int k = 0; k < 2 && ids.size() < count; k++) {
                Order order = orders.place(new NewOrder(patient, List.of("K", "NA", "CL"), Priority.ROUTINE,
                        "Dr. Bench", null, null, "BENCH"));
                for (Specimen s : specimens.forOrder(order.id())) {
                    specimens.receive(s.accession());
                }
                for (LabResult r : waitFor(order.id(), 3)) {
                    if (ids.size() < count) {
                        ids.add(results.enter(r.id(), switch (r.testCode()) {
                            case "K" -> "4.1";
                            case "NA" -> "140";
                            default -> "103";
                        }, null).id());
                    }
                }
            }
        }
        return ids;
    }

    private List<LabResult> waitFor(long orderId, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            List<LabResult> found = results.search(new ResultQuery(null, null, orderId, null, null,
                    EnumSet.of(ResultStatus.PENDING)), null, 50).items();
            if (found.size() >= count || System.nanoTime() > deadline) {
                return found;
            }
            Thread.sleep(5);
        }
    }

    /** Waits until every after-commit listener has handled its event (no incomplete publication left). */
    private void settle() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (jdbc.queryForObject("select count(*) from event_publication where completion_date is null",
                Long.class) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private long[] durableCommits(int count) {
        jdbc.execute("create table if not exists public.bench_commit (id bigserial primary key, at timestamptz)");
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            transactions.executeWithoutResult(s -> jdbc.update("insert into public.bench_commit (at) values (now())"));
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private long commits() {
        return jdbc.queryForObject("select xact_commit from pg_stat_database where datname = current_database()",
                Long.class);
    }

    /** What the database did per timed release, the release transaction and the listeners after it together. */
    private void statementsPerRelease(int releases, long commits) {
        System.out.printf("  database work per release (with the after-commit listeners): %.1f transactions, %.1f"
                + " statements, %.2f ms executing them%n", commits / (double) releases, jdbc.queryForObject(
                "select sum(calls) from pg_stat_statements where query not like '%pg_stat%'", Long.class)
                / (double) releases, jdbc.queryForObject("select sum(total_exec_time) from pg_stat_statements"
                + " where query not like '%pg_stat%'", Double.class) / releases);
        System.out.println("  statements by total time:   calls/release   mean ms    max ms   total ms");
        jdbc.query("""
                select calls, mean_exec_time, max_exec_time, total_exec_time, regexp_replace(query, '\\s+', ' ', 'g')
                from pg_stat_statements where query not like '%pg_stat%' order by total_exec_time desc limit 25""",
                rs -> {
                    System.out.printf("    %6.2f %9.3f %9.3f %9.0f   %.120s%n", rs.getLong(1) / (double) releases,
                            rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), rs.getString(5));
                });
    }

    private static NotificationListener gcPauses(ConcurrentLinkedQueue<long[]> pauses) {
        NotificationListener listener = (notification, handback) -> {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                        .getGcInfo();
                pauses.add(new long[] {info.getStartTime(), info.getEndTime()});
            }
        };
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener(listener, null, null);
        }
        return listener;
    }

    private static void removeGcListener(NotificationListener listener) {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            try {
                ((NotificationEmitter) gc).removeNotificationListener(listener);
            } catch (javax.management.ListenerNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Timed releases at or above p99 during which (to the millisecond) a collection ran. */
    private static long slowDuringGc(long[] nanos, long[] startedMs, ConcurrentLinkedQueue<long[]> pauses) {
        long p99 = percentile(nanos, 0.99);
        long count = 0;
        for (int i = 0; i < nanos.length; i++) {
            long from = startedMs[i];
            long to = from + nanos[i] / 1_000_000 + 1;
            if (nanos[i] >= p99 && pauses.stream().anyMatch(p -> p[0] <= to && p[1] >= from)) {
                count++;
            }
        }
        return count;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static int percentileIndex(int n, double p) {
        return (int) Math.max(0, Math.min(n - 1, Math.ceil(n * p) - 1));
    }

    private static long percentile(long[] nanos, double p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[percentileIndex(sorted.length, p)];
    }

    private static void print(String what, long[] nanos) {
        System.out.printf((what.startsWith(" ") ? "" : "%n") + "%s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms"
                + " max=%.2f ms%n", what, nanos.length,
                percentile(nanos, 0.50) / 1e6, percentile(nanos, 0.95) / 1e6, percentile(nanos, 0.99) / 1e6,
                percentile(nanos, 1.0) / 1e6);
    }

    private static void act(String user, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, Arrays.stream(roles).map(SimpleGrantedAuthority::new).toList()));
    }
}
