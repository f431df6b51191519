package org.lavender.qc.internal;

/**
 * Summary statistics of control values (Levey-Jennings report): n, mean, SD (sample, n − 1), CV % and the bias of
 * the mean against the target mean in percent.
 */
record Statistics(int n, double mean, double sd) {

    static Statistics of(double[] values) {
        int n = values.length;
        if (n == 0) {
            return new Statistics(0, Double.NaN, Double.NaN);
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new Statistics(1, mean, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return new Statistics(n, mean, Math.sqrt(squares / (n - 1)));
    }

    double cvPercent() {
        return sd / Math.abs(mean) * 100;
    }

    double biasPercent(double targetMean) {
        return (mean - targetMean) / targetMean * 100;
    }
}
