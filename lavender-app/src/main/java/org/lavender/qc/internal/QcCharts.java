package org.lavender.qc.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.lavender.qc.QcTarget;
import org.lavender.shared.InvalidInputException;
import org.lavender.shared.PdfDocuments;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Levey-Jennings charts per test, analyzer and lot over a date range, and the monthly QC report as PDF. */
@Service
class QcCharts {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final QcRepository repository;
    private final Clock clock;

    QcCharts(QcRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /**
     * One lot's chart: its target, the statistics of the values in the range (values of rejected outcome left out,
     * as they were not part of the in-control process), the SVG and the values with violations.
     */
    record LotChart(QcTarget target, Statistics stats, int rejected, String svg,
                    List<QcRepository.ChartPoint> flagged, List<QcRepository.ChartPoint> values) {

        public double biasPercent() {
            return stats.biasPercent(target.mean().doubleValue());
        }

        /** "n 20 · mean 4.012 · SD 0.098 · CV 2.44 % · bias +0.30 %" as the chart page shows it. */
        public String statsLine() {
            return "n " + stats.n() + " · mean " + num(stats.mean(), 3) + " · SD " + num(stats.sd(), 3) + " · CV "
                    + num(stats.cvPercent(), 2) + " % · bias " + (Double.isNaN(biasPercent()) ? "–"
                    : String.format(Locale.ROOT, "%+.2f", biasPercent())) + " %";
        }
    }

    @Transactional(readOnly = true)
    List<LotChart> charts(String testCode, String analyzer, Long lotId, Instant from, Instant to) {
        if (testCode == null || testCode.isBlank()) {
            return List.of();
        }
        if (!from.isBefore(to)) {
            throw new InvalidInputException("from", "The start of the date range must be before its end");
        }
        ZoneId zone = clock.getZone();
        var charts = new ArrayList<LotChart>();
        for (QcTarget target : repository.seriesTargets(testCode.strip(), analyzer)) {
            if (lotId != null && target.lotId() != lotId) {
                continue;
            }
            List<QcRepository.ChartPoint> values = repository.chartValues(target.lotId(), target.testCode(), analyzer, from, to);
            var points = new ArrayList<LeveyJenningsChart.Point>(values.size());
            var flagged = new ArrayList<QcRepository.ChartPoint>();
            int rejected = 0;
            double[] kept = new double[values.size()];
            int n = 0;
            for (QcRepository.ChartPoint v : values) {
                points.add(new LeveyJenningsChart.Point(v.observedAt(), v.value().doubleValue(),
                        (v.value().doubleValue() - target.mean().doubleValue()) / target.sd().doubleValue(),
                        v.outcome(), String.join("; ", v.violations())));
                if (!v.violations().isEmpty()) {
                    flagged.add(v);
                }
                if (v.rejected()) {
                    rejected++;
                } else {
                    kept[n++] = v.value().doubleValue();
                }
            }
            String svg = new LeveyJenningsChart(target.mean().doubleValue(), target.sd().doubleValue(), target.unit(),
                    from, to, zone, points).svg();
            charts.add(new LotChart(target, Statistics.of(java.util.Arrays.copyOf(kept, n)), rejected, svg, flagged,
                    values));
        }
        return charts;
    }

    /** The month's Levey-Jennings charts with n, mean, SD, CV and bias against the target, one section per lot. */
    @Transactional(readOnly = true)
    byte[] monthlyPdf(String testCode, String analyzer, YearMonth month) {
        ZoneId zone = clock.getZone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        List<LotChart> charts = charts(testCode, analyzer, null, from, to);
        var html = new StringBuilder("""
                <!DOCTYPE html><html><head><meta charset="utf-8"/><style>
                @page { size: A4 landscape; margin: 12mm; }
                body { font-family: 'DejaVu Sans', sans-serif; font-size: 9pt; }
                h1 { font-size: 14pt; margin: 0 0 4px 0; } h2 { font-size: 11pt; margin: 10px 0 4px 0; }
                table { border-collapse: collapse; margin: 4px 0; } td, th { border: 0.5px solid #999; padding: 2px 6px; }
                th { background: #eee; text-align: left; } img { width: 100%; }
                .lot { page-break-inside: avoid; } .muted { color: #666; }
                </style></head><body>
                """);
        html.append("<h1>QC monthly report: ").append(LeveyJenningsChart.escape(testCode)).append(" on ")
                .append(LeveyJenningsChart.escape(QcService.where(analyzer))).append(", ").append(month)
                .append("</h1><div class=\"muted\">Printed ").append(WHEN.format(clock.instant().atZone(zone)))
                .append(" (").append(zone).append("). Statistics leave out values of rejected outcome.</div>");
        if (charts.isEmpty()) {
            html.append("<p>No control lot has a target for this test on this analyzer.</p>");
        }
        for (LotChart c : charts) {
            QcTarget t = c.target();
            LeveyJenningsChart chart = new LeveyJenningsChart(t.mean().doubleValue(), t.sd().doubleValue(), t.unit(),
                    from, to, zone, c.values().stream().map(v -> new LeveyJenningsChart.Point(v.observedAt(),
                    v.value().doubleValue(), (v.value().doubleValue() - t.mean().doubleValue()) / t.sd().doubleValue(),
                    v.outcome(), null)).toList());
            html.append("<div class=\"lot\"><h2>Lot ").append(LeveyJenningsChart.escape(t.lotNumber()))
                    .append(", level ").append(LeveyJenningsChart.escape(t.level())).append("</h2>")
                    .append("<table><tr><th>Target mean</th><th>Target SD</th><th>Source</th><th>n</th>"
                            + "<th>Rejected</th><th>Mean</th><th>SD</th><th>CV %</th><th>Bias vs target %</th></tr>")
                    .append("<tr><td>").append(t.mean().toPlainString()).append(' ').append(t.unit())
                    .append("</td><td>").append(t.sd().toPlainString()).append("</td><td>").append(t.source())
                    .append("</td><td>").append(c.stats().n()).append("</td><td>").append(c.rejected())
                    .append("</td><td>").append(num(c.stats().mean(), 3)).append("</td><td>")
                    .append(num(c.stats().sd(), 3)).append("</td><td>").append(num(c.stats().cvPercent(), 2))
                    .append("</td><td>").append(num(c.biasPercent(), 2)).append("</td></tr></table>")
                    .append("<img alt=\"Levey-Jennings chart\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(chart.png())).append("\"/>");
            if (!c.flagged().isEmpty()) {
                html.append("<table><tr><th>Measured</th><th>Value</th><th>z</th><th>Outcome</th><th>Rule</th></tr>");
                for (QcRepository.ChartPoint v : c.flagged()) {
                    html.append("<tr><td>").append(WHEN.format(v.observedAt().atZone(zone))).append("</td><td>")
                            .append(v.value().toPlainString()).append("</td><td>")
                            .append(String.format(Locale.ROOT, "%+.2f", v.z())).append("</td><td>").append(v.outcome())
                            .append("</td><td>").append(LeveyJenningsChart.escape(String.join("; ", v.violations())))
                            .append("</td></tr>");
                }
                html.append("</table>");
            }
            html.append("</div>");
        }
        html.append("</body></html>");
        return PdfDocuments.render(html.toString());
    }

    static String num(double v, int decimals) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
