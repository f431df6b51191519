package org.lavender.qc.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A Levey-Jennings chart (clinical reference §6): one lot's control values of one test on one analyzer over time,
 * with lines at the target mean and ±1, ±2, ±3 SD; warnings (1-2s) amber, values of rejected runs' violations red.
 * Rendered as inline SVG for the browser and as a PNG for the monthly PDF, from the same geometry.
 */
final class LeveyJenningsChart {

    static final int WIDTH = 960;
    static final int HEIGHT = 300;
    private static final int LEFT = 96;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 34;
    private static final double SPAN_SD = 4;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd", Locale.ROOT);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** One plotted value: when, the value, its z against the target, outcome and what the rules said. */
    record Point(Instant at, double value, double z, String outcome, String note) {
    }

    private final double mean;
    private final double sd;
    private final String unit;
    private final Instant from;
    private final Instant to;
    private final ZoneId zone;
    private final List<Point> points;

    LeveyJenningsChart(double mean, double sd, String unit, Instant from, Instant to, ZoneId zone, List<Point> points) {
        this.mean = mean;
        this.sd = sd;
        this.unit = unit;
        this.from = from;
        this.to = to.isAfter(from) ? to : from.plusSeconds(1);
        this.zone = zone;
        this.points = points;
    }

    private double x(Instant at) {
        double span = Duration.between(from, to).toMillis();
        return LEFT + (WIDTH - LEFT - RIGHT) * (Duration.between(from, at).toMillis() / span);
    }

    /** Values beyond ±4 SD are drawn on the chart's edge. */
    private double y(double z) {
        double clipped = Math.max(-SPAN_SD, Math.min(SPAN_SD, z));
        return TOP + (HEIGHT - TOP - BOTTOM) * (SPAN_SD - clipped) / (2 * SPAN_SD);
    }

    private String limit(int k) {
        return String.format(Locale.ROOT, "%s %.3f", k == 0 ? "mean" : (k > 0 ? "+" : "−") + Math.abs(k) + " SD",
                mean + k * sd);
    }

    private static String lineColour(int k) {
        return switch (Math.abs(k)) {
            case 0 -> "#1a7f37";
            case 1 -> "#8c959f";
            case 2 -> "#bf8700";
            default -> "#cf222e";
        };
    }

    private static String pointColour(String outcome) {
        return switch (outcome) {
            case "REJECTED" -> "#cf222e";
            case "WARNING" -> "#bf8700";
            default -> "#0969da";
        };
    }

    private List<Instant> ticks() {
        long days = Math.max(1, Duration.between(from, to).toDays());
        long step = Math.max(1, days / 8);
        var ticks = new java.util.ArrayList<Instant>();
        Instant t = from.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
        while (t.isBefore(to)) {
            ticks.add(t);
            t = t.atZone(zone).plusDays(step).toInstant();
        }
        return ticks;
    }

    String svg() {
        var s = new StringBuilder(8192 + points.size() * 160);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lj\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"100%\" role=\"img\" aria-label=\"Levey-Jennings chart\""
                        + " font-family=\"sans-serif\" font-size=\"11\">");
        s.append("<rect x=\"0\" y=\"0\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"#fff\"/>");
        for (int k = 3; k >= -3; k--) {
            double yy = y(k);
            s.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
                    .append(f(yy)).append("\" y2=\"").append(f(yy)).append("\" stroke=\"").append(lineColour(k))
                    .append('"').append(k == 0 ? " stroke-width=\"1.5\"" : " stroke-dasharray=\"4 3\"")
                    .append("/><text x=\"").append(LEFT - 6).append("\" y=\"").append(f(yy + 4))
                    .append("\" text-anchor=\"end\" fill=\"").append(lineColour(k)).append("\">")
                    .append(limit(k)).append("</text>");
        }
        for (Instant t : ticks()) {
            double xx = x(t);
            s.append("<line x1=\"").append(f(xx)).append("\" x2=\"").append(f(xx)).append("\" y1=\"").append(TOP)
                    .append("\" y2=\"").append(HEIGHT - BOTTOM).append("\" stroke=\"#eaeef2\"/><text x=\"")
                    .append(f(xx)).append("\" y=\"").append(HEIGHT - BOTTOM + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#57606a\">").append(DAY.format(t.atZone(zone)))
                    .append("</text>");
        }
        s.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 4)
                .append("\" text-anchor=\"end\" fill=\"#57606a\">").append(escape(unit)).append("</text>");
        if (!points.isEmpty()) {
            s.append("<polyline fill=\"none\" stroke=\"#57606a\" stroke-width=\"1\" points=\"");
            for (Point p : points) {
                s.append(f(x(p.at()))).append(',').append(f(y(p.z()))).append(' ');
            }
            s.append("\"/>");
        }
        for (Point p : points) {
            boolean flagged = !"ACCEPTED".equals(p.outcome());
            s.append("<circle class=\"qc-").append(p.outcome().toLowerCase(Locale.ROOT)).append("\" cx=\"")
                    .append(f(x(p.at()))).append("\" cy=\"").append(f(y(p.z()))).append("\" r=\"")
                    .append(flagged ? 5 : 3).append("\" fill=\"").append(pointColour(p.outcome())).append("\"><title>");
            WHEN.formatTo(p.at().atZone(zone), s);
            s.append("  ").append(strip(p.value())).append(" (");
            signed(s, p.z());
            s.append(" SD)");
            if (p.note() != null && !p.note().isEmpty()) {
                s.append("  ").append(escape(p.note()));
            }
            s.append("</title></circle>");
        }
        return s.append("</svg>").toString();
    }

    byte[] png() {
        var image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (Instant t : ticks()) {
                g.setColor(Color.decode("#eaeef2"));
                g.draw(new Line2D.Double(x(t), TOP, x(t), HEIGHT - BOTTOM));
                g.setColor(Color.decode("#57606a"));
                String label = DAY.format(t.atZone(zone));
                g.drawString(label, (float) (x(t) - g.getFontMetrics().stringWidth(label) / 2.0), HEIGHT - BOTTOM + 16);
            }
            for (int k = 3; k >= -3; k--) {
                g.setColor(Color.decode(lineColour(k)));
                g.setStroke(k == 0 ? new BasicStroke(1.5f)
                        : new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 3f}, 0f));
                g.draw(new Line2D.Double(LEFT, y(k), WIDTH - RIGHT, y(k)));
                String label = limit(k).replace('−', '-');
                g.drawString(label, LEFT - 6 - g.getFontMetrics().stringWidth(label), (float) y(k) + 4);
            }
            g.setColor(Color.decode("#57606a"));
            g.drawString(unit, WIDTH - RIGHT - g.getFontMetrics().stringWidth(unit), HEIGHT - 4);
            g.setStroke(new BasicStroke(1f));
            if (points.size() > 1) {
                var path = new Path2D.Double();
                path.moveTo(x(points.get(0).at()), y(points.get(0).z()));
                for (Point p : points.subList(1, points.size())) {
                    path.lineTo(x(p.at()), y(p.z()));
                }
                g.draw(path);
            }
            for (Point p : points) {
                double r = "ACCEPTED".equals(p.outcome()) ? 3 : 5;
                g.setColor(Color.decode(pointColour(p.outcome())));
                g.fill(new Ellipse2D.Double(x(p.at()) - r, y(p.z()) - r, 2 * r, 2 * r));
            }
        } finally {
            g.dispose();
        }
        try (var out = new ByteArrayOutputStream()) {
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String f(double v) {
        return Long.toString(Math.round(v * 10) / 10) + "." + Math.abs(Math.round(v * 10) % 10);
    }

    /** z with sign and two decimals ("+2.50"), without String.format on the per-point path. */
    private static void signed(StringBuilder s, double v) {
        long hundredths = Math.round(v * 100);
        s.append(hundredths < 0 ? '-' : '+');
        hundredths = Math.abs(hundredths);
        s.append(hundredths / 100).append('.');
        if (hundredths % 100 < 10) {
            s.append('0');
        }
        s.append(hundredths % 100);
    }

    private static String strip(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
