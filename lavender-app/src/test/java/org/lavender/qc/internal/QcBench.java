package org.lavender.qc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * QC benchmark (not part of the test suite; prints figures, asserts only that work was done): Westgard evaluation
 * throughput with the full multirule over a stream of 3-level runs, as the service evaluates them (bounded recent
 * history per series), and the time to render the Levey-Jennings SVG of a year of daily 3-level QC. Run with
 * {@code ./mvnw -B -o -pl lavender-app -am test -Dtest=QcBench -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class QcBench {

    private static final int VALUES = 1_000_000;
    private static final int HISTORY = 60;

    @Test
    void westgardEvaluationThroughput() {
        RuleSet rules = RuleSet.parse("1-2s 1-3s 2-2s R-4s 4-1s 10x");
        double[] z = new double[VALUES];
        Random random = new Random(50_000);
        for (int i = 0; i < VALUES; i++) {
            z[i] = random.nextGaussian();
        }
        long checksum = 0;
        double[] rates = new double[8];
        for (int round = 0; round < 3 + rates.length; round++) {
            var history = new ArrayList<QcPoint>(2 * HISTORY + 1);
            long started = System.nanoTime();
            for (int i = 0; i < VALUES; i++) {
                QcPoint p = new QcPoint(i + 1, i / 3 + 1, i % 3 + 1, "LOT", 4.0 + z[i] * 0.1, z[i]);
                RuleSet.Evaluation e = rules.evaluate(history, p);
                checksum += e.outcome().ordinal();
                history.add(p);
                if (history.size() > 2 * HISTORY) {
                    history.subList(0, HISTORY).clear();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (round >= 3) {
                rates[round - 3] = VALUES / seconds;
            }
        }
        Arrays.sort(rates);
        System.out.printf("QC bench: Westgard evaluation (1-2s/1-3s/2-2s/R-4s/4-1s/10x, 3 levels per run):"
                        + " median %,.0f values/s, min %,.0f, max %,.0f (%d rounds of %,d values, %d cores)%n",
                rates[rates.length / 2], rates[0], rates[rates.length - 1], rates.length, VALUES,
                Runtime.getRuntime().availableProcessors());
        assertThat(checksum).isPositive();
    }

    @Test
    void leveyJenningsSvgOfAYearOfThreeLevelQc() {
        ZoneId zone = ZoneId.of("Europe/Berlin");
        Instant to = Instant.parse("2026-11-25T00:00:00Z");
        Instant from = to.minus(365, ChronoUnit.DAYS);
        Random random = new Random(365);
        List<List<LeveyJenningsChart.Point>> levels = new ArrayList<>();
        for (int level = 0; level < 3; level++) {
            var points = new ArrayList<LeveyJenningsChart.Point>();
            for (int day = 0; day < 365; day++) {
                double z = random.nextGaussian();
                points.add(new LeveyJenningsChart.Point(from.plus(day, ChronoUnit.DAYS).plus(7, ChronoUnit.HOURS),
                        4 + z * 0.1, z, Math.abs(z) > 3 ? "REJECTED" : Math.abs(z) > 2 ? "WARNING" : "ACCEPTED",
                        Math.abs(z) > 2 ? "1-2s: beyond 2 SD" : ""));
            }
            levels.add(points);
        }
        long size = 0;
        long[] micros = new long[50];
        for (int round = 0; round < 20 + micros.length; round++) {
            long started = System.nanoTime();
            for (List<LeveyJenningsChart.Point> points : levels) {
                size += new LeveyJenningsChart(4.0, 0.1, "mmol/L", from, to, zone, points).svg().length();
            }
            if (round >= 20) {
                micros[round - 20] = (System.nanoTime() - started) / 1000;
            }
        }
        Arrays.sort(micros);
        System.out.printf("QC bench: Levey-Jennings SVG of 1 year of daily 3-level QC (3 charts, 1,095 points):"
                + " median %.2f ms, max %.2f ms%n", micros[micros.length / 2] / 1000.0, micros[micros.length - 1] / 1000.0);
        assertThat(size).isPositive();
    }
}
