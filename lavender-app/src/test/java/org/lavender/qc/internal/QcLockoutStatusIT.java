package org.lavender.qc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.StatementCounter;
import org.lavender.qc.NewControlLot;
import org.lavender.results.AnalyteQcStatus.Probe;
import org.lavender.results.AnalyteQcStatus.Verdict;
import org.lavender.results.AnalyteQcStatusContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The QC lockout verdicts of one analyzer message asked at once are the verdicts asked one by one: results in
 * control, measured in an open lockout (with and without corrective action), in the out-of-control window of an
 * ended lockout, before and after a lockout, on a series without a control target, entered by hand, on two
 * analyzers; and a batch costs the same few statements whatever its size.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QcLockoutStatusIT {

    private static final Instant T0 = Instant.parse("2026-06-01T08:00:00Z");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    @Autowired QcRepository repository;
    @Autowired QcLockoutStatus status;
    @Autowired Clock clock;
    @Autowired DataSource dataSource;

    private final List<Probe> probes = new ArrayList<>();
    private final List<Verdict> expected = new ArrayList<>();

    @BeforeAll
    void setUp() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String a = "QCB A " + suffix;
        String b = "QCB B " + suffix;
        String byHand = "QCB-GLU-" + suffix;
        String byHandUnmonitored = "QCB-K-" + suffix;
        long lot = repository.insertLot(new NewControlLot("QCB-" + suffix, "IT control", "IT", "1",
                LocalDate.of(2030, 1, 1), 30, null), T0, "it");
        for (String[] series : new String[][] {{"K", a}, {"NA", a}, {"CL", a}, {"GLU", a}, {"NA", b}, {"MG", b},
                {byHand, null}}) {
            repository.upsertTarget(lot, series[0], series[1], "mmol/L", new BigDecimal("4.0"), new BigDecimal("0.1"),
                    "MANUFACTURER", T0, "it");
        }

        // In control: the last run at or before the result is named; none yet before the first run.
        run("K", a, T0.plus(h(1)), "ACCEPTED");
        String lastK = "QC K on " + a + ": in control (last run " + at(T0.plus(h(1))) + " accepted)";
        expect("K", a, T0.plus(h(2)), true, lastK);
        expect("K", a, T0.plus(h(1)), true, lastK);
        expect("K", a, T0, true, "QC K on " + a + ": in control (no QC run before this result yet)");

        // Open lockout since the last accepted run before the rejection: held from then on, not before.
        run("NA", a, T0, "ACCEPTED");
        long naRejected = run("NA", a, T0.plus(h(3)), "REJECTED");
        repository.insertLockout("NA", a, T0, naRejected, T0.plus(h(3)), "lot QCB rejected 2-2s");
        expect("NA", a, T0.plus(h(4)), false, "QC NA on " + a + ": lot QCB rejected 2-2s; corrective action pending");
        expect("NA", a, T0, false, "QC NA on " + a + ": lot QCB rejected 2-2s; corrective action pending");
        expect("NA", a, T0.minus(h(1)), true, "QC NA on " + a + ": in control (no QC run before this result yet)");

        // Open lockout with a corrective action recorded, waiting for acceptable QC.
        run("CL", a, T0, "ACCEPTED");
        long clRejected = run("CL", a, T0.plus(h(1)), "REJECTED");
        long clLockout = repository.insertLockout("CL", a, T0, clRejected, T0.plus(h(1)), "lot QCB rejected 1-3s");
        repository.insertCorrectiveAction(clLockout, "Replaced the electrode", "R. Bench", T0.plus(h(2)), "it");
        expect("CL", a, T0.plus(h(2)), false,
                "QC CL on " + a + ": lot QCB rejected 1-3s; corrective action recorded, acceptable QC pending");

        // Ended lockout: measured in [since, release run) stays held for review; from the release run on, in control.
        run("GLU", a, T0, "ACCEPTED");
        long gluRejected = run("GLU", a, T0.plus(h(1)), "REJECTED");
        long gluReleased = run("GLU", a, T0.plus(h(5)), "ACCEPTED");
        long gluLockout = repository.insertLockout("GLU", a, T0, gluRejected, T0.plus(h(1)), "lot QCB rejected R-4s");
        repository.insertCorrectiveAction(gluLockout, "Recalibrated", "R. Bench", T0.plus(h(4)), "it");
        repository.release(gluLockout, gluReleased, T0.plus(h(5)), T0.plus(h(6)));
        String window = "QC GLU on " + a + ": measured while out of control (lot QCB rejected R-4s; back in control "
                + at(T0.plus(h(5))) + "): review before release";
        expect("GLU", a, T0.plus(h(2)), false, window);
        expect("GLU", a, T0.plus(h(5)).minusSeconds(1), false, window);
        expect("GLU", a, T0.plus(h(5)), true, "QC GLU on " + a + ": in control (last run " + at(T0.plus(h(5)))
                + " accepted)");
        expect("GLU", a, T0.plus(h(6)), true, "QC GLU on " + a + ": in control (last run " + at(T0.plus(h(5)))
                + " accepted)");
        expect("GLU", a, T0.minus(h(1)), true, "QC GLU on " + a + ": in control (no QC run before this result yet)");

        // No control target: not monitored, treated as in control; a lockout still holds such a series.
        expect("CA", a, T0.plus(h(2)), true,
                "QC: not monitored for CA on " + a + " (no control lot target) — treated as in control");
        long phosRejected = run("PHOS", a, T0, "REJECTED");
        repository.insertLockout("PHOS", a, null, phosRejected, T0, "lot QCB rejected 1-3s");
        expect("PHOS", a, T0.plus(h(2)), false,
                "QC PHOS on " + a + ": lot QCB rejected 1-3s; corrective action pending");

        // The second analyzer: its own series, not held by the first analyzer's lockout; a warning run is in control.
        run("NA", b, T0.plus(h(1)), "WARNING");
        expect("NA", b, T0.plus(h(4)), true, "QC NA on " + b + ": in control (last run " + at(T0.plus(h(1)))
                + " warning)");
        // An open lockout with no accepted run before it covers every earlier result; it wins over an ended one.
        long mgOldRejected = run("MG", b, T0.minus(Duration.ofDays(20)), "REJECTED");
        long mgOldReleased = run("MG", b, T0.minus(Duration.ofDays(15)), "ACCEPTED");
        long mgOld = repository.insertLockout("MG", b, T0.minus(Duration.ofDays(21)), mgOldRejected,
                T0.minus(Duration.ofDays(20)), "lot QCB rejected 4-1s");
        repository.release(mgOld, mgOldReleased, T0.minus(Duration.ofDays(15)), T0.minus(Duration.ofDays(15)));
        long mgRejected = run("MG", b, T0.minus(Duration.ofDays(1)), "REJECTED");
        repository.insertLockout("MG", b, null, mgRejected, T0.minus(Duration.ofDays(1)), "lot QCB rejected 10x");
        expect("MG", b, T0.minus(Duration.ofDays(18)), false,
                "QC MG on " + b + ": lot QCB rejected 10x; corrective action pending");
        expect("MG", b, T0.minus(Duration.ofDays(30)), false,
                "QC MG on " + b + ": lot QCB rejected 10x; corrective action pending");

        // Entered by hand: the manual method's own series.
        run(byHand, null, T0, "ACCEPTED");
        expect(byHand, null, T0.plus(h(1)), true, "QC " + byHand + " on manual method: in control (last run " + at(T0)
                + " accepted)");
        expect(byHandUnmonitored, null, T0, true, "QC: not monitored for " + byHandUnmonitored
                + " on manual method (no control lot target) — treated as in control");
        // The same result twice in one message is answered twice.
        expect("NA", a, T0.plus(h(4)), false, "QC NA on " + a + ": lot QCB rejected 2-2s; corrective action pending");
    }

    @Test
    void aMessageAskedAtOnceGetsTheVerdictsAskedOneByOne() {
        AnalyteQcStatusContract.answersAtOnceAsOneByOne(status, probes, expected);
    }

    @Test
    void aMessageCostsTheSameStatementsWhateverItsSize() {
        var counter = new StatementCounter(dataSource);
        var counted = new QcLockoutStatus(new QcRepository(JdbcClient.create(counter)), clock);
        // The first probe is in control: one statement. With lockouts: their corrective actions, one more.
        assertThat(counter.count(() -> assertThat(counted.statuses(probes.subList(0, 1)))
                .containsExactly(expected.get(0)))).isEqualTo(1);
        assertThat(counter.count(() -> assertThat(counted.statuses(probes)).containsExactlyElementsOf(expected)))
                .isEqualTo(2);
        List<Probe> large = IntStream.range(0, 10).boxed().flatMap(i -> probes.stream()
                .map(p -> new Probe(p.testCode(), p.instrument(), p.measuredAt().plusMillis(i)))).toList();
        assertThat(large).hasSizeGreaterThanOrEqualTo(200);
        assertThat(counter.count(() -> assertThat(counted.statuses(large)).hasSize(large.size()))).isEqualTo(2);
    }

    private long run(String testCode, String analyzer, Instant startedAt, String status) {
        long id = repository.insertRun(testCode, analyzer, startedAt);
        if (!status.equals("ACCEPTED")) {
            repository.updateRun(id, status, "1-2s 1-3s 2-2s R-4s 4-1s 10x");
        }
        return id;
    }

    private void expect(String testCode, String analyzer, Instant measuredAt, boolean inControl, String detail) {
        probes.add(new Probe(testCode, analyzer, measuredAt));
        expected.add(new Verdict(inControl, detail));
    }

    private String at(Instant instant) {
        return WHEN.format(instant.atZone(clock.getZone()));
    }

    private static Duration h(int hours) {
        return Duration.ofHours(hours);
    }
}
