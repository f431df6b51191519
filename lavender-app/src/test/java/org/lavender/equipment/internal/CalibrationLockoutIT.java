package org.lavender.equipment.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lavender.LavenderIT;
import org.lavender.StatementCounter;
import org.lavender.equipment.AssetKind;
import org.lavender.equipment.AssetSettings;
import org.lavender.equipment.CalibrationResult;
import org.lavender.equipment.LotReceipt;
import org.lavender.equipment.Reagent;
import org.lavender.equipment.ReagentInUse;
import org.lavender.results.AnalyteQcStatus.Probe;
import org.lavender.results.AnalyteQcStatus.Verdict;
import org.lavender.results.AnalyteQcStatusContract;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The calibration and reagent verdicts of one analyzer message asked at once are the verdicts asked one by one:
 * calibration current, due, overdue, failed (as it stood when the result was measured), the test's own plan and the
 * whole-analyzer plan, no plan, a retired plan, an inactive asset, reagents past expiry or on-board stability
 * (loaded, removed), values entered by hand, two analyzers; and a batch costs the same few statements whatever its
 * size.
 */
@LavenderIT
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibrationLockoutIT {

    private static final Instant T = Instant.parse("2026-03-10T10:00:00Z");

    @Autowired AssetRepository assets;
    @Autowired UpkeepRepository upkeep;
    @Autowired ReagentRepository reagents;
    @Autowired CalibrationLockout lockout;
    @Autowired Clock clock;
    @Autowired DataSource dataSource;

    private final List<Probe> probes = new ArrayList<>();
    private final List<Verdict> expected = new ArrayList<>();
    private ZoneId zone;

    @BeforeAll
    void setUp() {
        zone = clock.getZone();
        LocalDate today = day(T);
        String suffix = Long.toString(System.nanoTime(), 36);
        String x = "CALB X " + suffix;
        String y = "CALB Y " + suffix;
        String z = "CALB Z " + suffix;
        long assetX = asset(x, "Chemistry X " + suffix, true);
        long assetY = asset(y, "Chemistry Y " + suffix, true);
        long assetZ = asset(z, "Chemistry Z " + suffix, false);

        // The test's own plan as it stood when the result was measured: due soon (still current), overdue, current.
        long k = upkeep.insertPlan(assetX, "K", 30, today.minusDays(35), T.minus(days(60)));
        calibrate(k, assetX, T.minus(days(10)), CalibrationResult.PASS);
        expect("K", x, T, true, "calibration of K on " + x + " current (due " + day(T.minus(days(10))).plusDays(30)
                + ")");
        expect("K", x, T.minus(days(40)), true, "calibration of K on " + x + " current (due " + today.minusDays(35)
                + ")");
        expect("K", x, T.minus(days(30)), false, "calibration of K on " + x + " overdue since " + today.minusDays(35));
        long na = upkeep.insertPlan(assetX, "NA", 7, today.minusDays(30), T.minus(days(60)));
        calibrate(na, assetX, T.minus(days(20)), CalibrationResult.PASS);
        expect("NA", x, T, false, "calibration of NA on " + x + " overdue since " + day(T.minus(days(20))).plusDays(7));
        // A failed calibration leaves the analyte uncalibrated from then on.
        long cl = upkeep.insertPlan(assetX, "CL", 30, today.minusDays(30), T.minus(days(60)));
        calibrate(cl, assetX, T.minus(days(5)), CalibrationResult.PASS);
        calibrate(cl, assetX, T.minus(days(1)), CalibrationResult.FAIL);
        expect("CL", x, T, false, "calibration of CL on " + x + " failed on " + day(T.minus(days(1)))
                + " (no passing calibration since)");
        expect("CL", x, T.minus(days(3)), true, "calibration of CL on " + x + " current (due "
                + day(T.minus(days(5))).plusDays(30) + ")");
        expect("GLU", x, T, true, "calibration of GLU on " + x + ": no calibration plan");
        // A retired plan no longer judges.
        long urea = upkeep.insertPlan(assetX, "UREA", 30, today.minusDays(30), T.minus(days(60)));
        calibrate(urea, assetX, T.minus(days(2)), CalibrationResult.FAIL);
        upkeep.retirePlan(urea);
        expect("UREA", x, T, true, "calibration of UREA on " + x + ": no calibration plan");

        // Reagents loaded on X: one past its lot's expiry, one past on-board stability (serving two tests), one
        // removed. A result is held when a unit for its test was loaded and past stability when it was measured.
        long ca = upkeep.insertPlan(assetX, "CA", 30, today.minusDays(30), T.minus(days(60)));
        calibrate(ca, assetX, T.minus(days(2)), CalibrationResult.PASS);
        String expiredName = "CALB CA diluent " + suffix;
        LocalDate expiredOn = today.minusDays(2);
        load(expiredName, List.of("CA"), null, "EXP-1", expiredOn, assetX, T.minus(days(5)));
        String onboardName = "CALB MG reagent " + suffix;
        ReagentInUse onboard = load(onboardName, List.of("MG", "CA"), 2, "OB-1", LocalDate.of(2030, 1, 1), assetX,
                T.minus(Duration.ofHours(50)));
        String expired = "reagent " + expiredName + " lot EXP-1 on Chemistry X " + suffix + " past its expiry date "
                + expiredOn;
        String overBoard = "reagent " + onboardName + " lot OB-1 on Chemistry X " + suffix
                + " past on-board stability since " + onboard.stableUntil().atZone(zone).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES);
        expect("CA", x, T, false, expired + "; " + overBoard);
        expect("MG", x, T, false, overBoard);
        expect("MG", x, T.minus(Duration.ofHours(3)), true, "calibration of MG on " + x + ": no calibration plan");
        expect("MG", x, T.minus(Duration.ofHours(60)), true, "calibration of MG on " + x + ": no calibration plan");
        String removedName = "CALB PHOS reagent " + suffix;
        ReagentInUse removed = load(removedName, List.of("PHOS"), 1, "RM-1", LocalDate.of(2030, 1, 1), assetX,
                T.minus(days(10)));
        reagents.removeInUse(removed.id(), T.minus(days(8)), "it", "used up");
        expect("PHOS", x, T, true, "calibration of PHOS on " + x + ": no calibration plan");
        expect("PHOS", x, T.minus(days(8)).minus(Duration.ofHours(1)), false, "reagent " + removedName
                + " lot RM-1 on Chemistry X " + suffix + " past on-board stability since "
                + removed.stableUntil().atZone(zone).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES));

        // The second analyzer: a whole-analyzer plan and the test's own plan both judge; only overdue ones hold.
        long all = upkeep.insertPlan(assetY, null, 30, today.minusDays(20), T.minus(days(60)));
        calibrate(all, assetY, T.minus(days(3)), CalibrationResult.PASS);
        long kY = upkeep.insertPlan(assetY, "K", 7, today.minusDays(40), T.minus(days(60)));
        calibrate(kY, assetY, T.minus(days(30)), CalibrationResult.PASS);
        expect("K", y, T, false, "calibration of K on " + y + " overdue since " + day(T.minus(days(30))).plusDays(7));
        expect("K", y, T.minus(days(25)), true, "calibration of all tests (for K) on " + y + " current (due "
                + today.minusDays(20) + "); calibration of K on " + y + " current (due "
                + day(T.minus(days(30))).plusDays(7) + ")");
        String due = day(T.minus(days(3))).plusDays(30).toString();
        expect("NA", y, T, true, "calibration of all tests (for NA) on " + y + " current (due " + due + ")");
        // The analyzer's name as the message spelled it, matched without regard to case.
        String lower = y.toLowerCase(java.util.Locale.ROOT);
        expect("NA", lower, T, true, "calibration of all tests (for NA) on " + lower + " current (due " + due + ")");

        // An inactive asset, an analyzer without an asset, a value entered by hand: not judged.
        long kZ = upkeep.insertPlan(assetZ, "K", 30, today.minusDays(30), T.minus(days(60)));
        calibrate(kZ, assetZ, T.minus(days(1)), CalibrationResult.FAIL);
        expect("K", z, T, true, "calibration of K on " + z + ": no calibration plan");
        expect("K", "CALB NOWHERE " + suffix, T, true, "calibration of K on CALB NOWHERE " + suffix
                + ": no calibration plan");
        expect("K", null, T, true, "calibration: no analyzer (entered by hand)");
        expect("NA", x, T, false, "calibration of NA on " + x + " overdue since " + day(T.minus(days(20))).plusDays(7));
    }

    @Test
    void aMessageAskedAtOnceGetsTheVerdictsAskedOneByOne() {
        AnalyteQcStatusContract.answersAtOnceAsOneByOne(lockout, probes, expected);
    }

    @Test
    void aMessageCostsTheSameStatementsWhateverItsSize() {
        var counter = new StatementCounter(dataSource);
        var jdbc = JdbcClient.create(counter);
        var counted = new CalibrationLockout(new UpkeepRepository(jdbc), new ReagentRepository(jdbc), clock);
        // One statement for the calibration plans, one for the reagents; none for values entered by hand.
        assertThat(counter.count(() -> assertThat(counted.statuses(probes.subList(0, 1)))
                .containsExactly(expected.get(0)))).isEqualTo(2);
        assertThat(counter.count(() -> assertThat(counted.statuses(probes)).containsExactlyElementsOf(expected)))
                .isEqualTo(2);
        List<Probe> large = IntStream.range(0, 10).boxed().flatMap(i -> probes.stream()
                .map(p -> new Probe(p.testCode(), p.instrument(), p.measuredAt().plusMillis(i)))).toList();
        assertThat(large).hasSizeGreaterThanOrEqualTo(200);
        assertThat(counter.count(() -> assertThat(counted.statuses(large)).hasSize(large.size()))).isEqualTo(2);
        assertThat(counter.count(() -> assertThat(counted.statuses(List.of(new Probe("K", null, T))))
                .containsExactly(new Verdict(true, "calibration: no analyzer (entered by hand)")))).isZero();
    }

    private long asset(String analyzer, String name, boolean active) {
        return assets.insert(new AssetSettings("T-" + name.replace(' ', '-'), name, AssetKind.ANALYZER, "IT", "M1",
                "SN-" + name.replace(' ', '-'), null, analyzer, null, active));
    }

    private void calibrate(long plan, long asset, Instant at, CalibrationResult result) {
        upkeep.insertCalibration(plan, asset, at, "it", result, "CAL-1", null);
    }

    private ReagentInUse load(String name, List<String> tests, Integer onboardDays, String lot, LocalDate expiresOn,
                              long asset, Instant openedAt) {
        long reagent = reagents.insertReagent(new Reagent(0, name, "IT", null, tests, 100, "kit", onboardDays, null, 0),
                T.minus(days(90)));
        long lotId = reagents.insertLot(new LotReceipt(reagent, lot, expiresOn, 5, null), T.minus(days(90)), "it");
        long unit = reagents.insertInUse(lotId, reagent, asset, openedAt, "it",
                ReagentInUse.stableUntil(openedAt, onboardDays, expiresOn, zone), 100);
        return reagents.inUse(unit).orElseThrow();
    }

    private void expect(String testCode, String analyzer, Instant measuredAt, boolean inControl, String detail) {
        probes.add(new Probe(testCode, analyzer, measuredAt));
        expected.add(new Verdict(inControl, detail));
    }

    private LocalDate day(Instant at) {
        return at.atZone(zone).toLocalDate();
    }

    private static Duration days(int days) {
        return Duration.ofDays(days);
    }
}
