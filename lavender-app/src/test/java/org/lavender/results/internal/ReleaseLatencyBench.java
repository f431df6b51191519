package org.lavender.results.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
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
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * On-demand latency benchmark (not part of the test suite): on the application with its embedded PostgreSQL, times
 * (1) the previous-result lookup a delta check makes and (2) what releasing one verified result costs: the
 * verification transaction with its audit entry, ResultVerified event publication, reflex rules and re-judging of
 * calculated results. Prints p50/p99/max; the release target is p99 &lt; 5 ms. Run with
 * {@code ./mvnw -B -Pbench -pl lavender-app verify -Dit.test=ReleaseLatencyBench -Dbench.results=2000}.
 */
@LavenderIT
class ReleaseLatencyBench {

    @Autowired Patients patients;
    @Autowired Orders orders;
    @Autowired Specimens specimens;
    @Autowired ResultService results;
    @Autowired IntelligenceRepository rules;
    @Autowired TransactionTemplate transactions;

    @Test
    void releaseAndPreviousLookupLatency() throws InterruptedException {
        int wanted = Integer.getInteger("bench.results", 2000);
        act("bench-tech", "ROLE_TECHNICIAN");
        var ids = new ArrayList<Long>();
        var patientIds = new ArrayList<Long>();
        while (ids.size() < wanted) {
            long patient = patients.register(new NewPatient(null, "Bench", "Release", java.time.LocalDate.of(1970, 1, 1),
                    Sex.FEMALE, null, List.of())).id();
            patientIds.add(patient);
            for (int k = 0; k < 2 && ids.size() < wanted; k++) {
                Order order = orders.place(new NewOrder(patient, List.of("K", "NA", "CL"), Priority.ROUTINE,
                        "Dr. Bench", null, null, "BENCH"));
                for (Specimen s : specimens.forOrder(order.id())) {
                    specimens.receive(s.accession());
                }
                List<LabResult> pending = waitFor(order.id(), 3);
                for (LabResult r : pending) {
                    ids.add(results.enter(r.id(), switch (r.testCode()) {
                        case "K" -> "4.1";
                        case "NA" -> "140";
                        default -> "103";
                    }, null).id());
                }
            }
        }
        act("bench-verifier", "ROLE_VERIFIER");
        long[] release = new long[ids.size()];
        for (int i = 0; i < ids.size(); i++) {
            long t0 = System.nanoTime();
            results.verify(List.of(ids.get(i)));
            release[i] = System.nanoTime() - t0;
        }
        long[] lookup = new long[patientIds.size() * 3];
        Instant now = Instant.now();
        for (int i = 0; i < lookup.length; i++) {
            long patient = patientIds.get(i % patientIds.size());
            long t0 = System.nanoTime();
            transactions.execute(s -> rules.previousReleased(List.of(
                    new IntelligenceRepository.PreviousQuery(-1, patient, "K", now))));
            lookup[i] = System.nanoTime() - t0;
        }
        print("release of one verified result", release);
        print("previous released result lookup (delta)", lookup);
        assertThat(results.find(ids.get(0)).orElseThrow().status()).isEqualTo(ResultStatus.FINAL);
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

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%n%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.min(sorted.length - 1, sorted.length * 0.99)] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static void act(String user, String... roles) {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user,
                null, Arrays.stream(roles).map(SimpleGrantedAuthority::new).toList()));
    }
}
