package io.tern.bench.report;

import java.util.List;
import java.util.Locale;

/**
 * The two charts of a report, as inline SVG: latency by percentile on HdrHistogram's log axis (each step
 * right is ten times further into the tail: 90%, 99%, 99.9%, ...), and rates over time. Drawn here so
 * the HTML needs no script, stylesheet or font from anywhere.
 */
final class SvgCharts {
    /** One line: a name for the legend, a colour, and (x, y) points. */
    record Series(String name, String color, List<double[]> points) {
    }

    private static final int W = 820;
    private static final int H = 360;
    private static final int LEFT = 78;
    private static final int RIGHT = 24;
    private static final int TOP = 36;
    private static final int BOTTOM = 52;
    private static final double MAX_NINES = 6;

    private SvgCharts() {
    }

    /** Points are (percentile 0..100, latency in ms). */
    static String percentiles(String title, List<Series> series) {
        double maxX = 2;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                // the axis reaches one decade past the deepest percentile below 100% (100% itself is at infinity)
                if (p[0] < 100.0) {
                    maxX = Math.max(maxX, Math.floor(nines(p[0])) + 1);
                }
                maxY = Math.max(maxY, p[1]);
            }
        }
        maxX = Math.min(MAX_NINES, maxX);
        double yMax = niceMax(maxY);
        StringBuilder svg = open(title);
        yAxis(svg, yMax, "latency (ms)");
        for (int i = 0; i <= (int) maxX; i++) {
            double x = x(i, maxX);
            svg.append(line(x, TOP, x, H - BOTTOM, "#e3e3e3"));
            svg.append(text(x, H - BOTTOM + 18, "middle", percentLabel(i)));
        }
        svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 10, "middle", "percentile"));
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                double nx = Math.min(nines(p[0]), maxX);
                pts.append(fmt(x(nx, maxX))).append(',').append(fmt(y(p[1], yMax))).append(' ');
            }
            polyline(svg, pts, s.color());
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    /** Points are (seconds, value). */
    static String overTime(String title, String yLabel, List<Series> series, double shadeFrom, double shadeTo) {
        double maxX = 1;
        double maxY = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                maxX = Math.max(maxX, p[0]);
                maxY = Math.max(maxY, p[1]);
            }
        }
        double xMax = niceMax(maxX);
        double yMax = niceMax(maxY);
        StringBuilder svg = open(title);
        if (shadeTo > shadeFrom) {
            double x0 = LEFT + (W - LEFT - RIGHT) * Math.max(0, shadeFrom) / xMax;
            double x1 = LEFT + (W - LEFT - RIGHT) * Math.min(xMax, shadeTo) / xMax;
            svg.append(String.format(Locale.ROOT,
                    "<rect x=\"%s\" y=\"%d\" width=\"%s\" height=\"%d\" fill=\"#f1f6ff\"/>", fmt(x0), TOP, fmt(x1 - x0),
                    H - TOP - BOTTOM));
            svg.append(text((x0 + x1) / 2, TOP + 14, "middle", "measured window"));
        }
        yAxis(svg, yMax, yLabel);
        double step = niceStep(xMax);
        for (double t = 0; t <= xMax + 1e-9; t += step) {
            double x = LEFT + (W - LEFT - RIGHT) * t / xMax;
            svg.append(line(x, TOP, x, H - BOTTOM, "#e3e3e3"));
            svg.append(text(x, H - BOTTOM + 18, "middle", number(t)));
        }
        svg.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 10, "middle", "seconds since start"));
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (double[] p : s.points()) {
                double x = LEFT + (W - LEFT - RIGHT) * p[0] / xMax;
                pts.append(fmt(x)).append(',').append(fmt(y(p[1], yMax))).append(' ');
            }
            polyline(svg, pts, s.color());
        }
        legend(svg, series);
        return svg.append("</svg>\n").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\" role=\"img\">", W, H, W, H));
        svg.append("<title>").append(Html.escape(title)).append("</title>");
        svg.append(String.format(Locale.ROOT, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>", W, H));
        svg.append(text(W / 2.0, 20, "middle", title).replace("<text ", "<text font-weight=\"bold\" font-size=\"14\" "));
        return svg;
    }

    private static void yAxis(StringBuilder svg, double yMax, String label) {
        double step = niceStep(yMax);
        for (double v = 0; v <= yMax + 1e-9; v += step) {
            double y = y(v, yMax);
            svg.append(line(LEFT, y, W - RIGHT, y, "#e3e3e3"));
            svg.append(text(LEFT - 6, y + 4, "end", number(v)));
        }
        svg.append(line(LEFT, TOP, LEFT, H - BOTTOM, "#555"));
        svg.append(line(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM, "#555"));
        svg.append(String.format(Locale.ROOT,
                "<text x=\"16\" y=\"%s\" text-anchor=\"middle\" transform=\"rotate(-90 16 %s)\">%s</text>",
                fmt((TOP + H - BOTTOM) / 2.0), fmt((TOP + H - BOTTOM) / 2.0), Html.escape(label)));
    }

    private static void polyline(StringBuilder svg, StringBuilder pts, String color) {
        svg.append("<polyline fill=\"none\" stroke=\"").append(color).append("\" stroke-width=\"2\" points=\"")
                .append(pts.toString().trim()).append("\"/>");
    }

    private static void legend(StringBuilder svg, List<Series> series) {
        double y = TOP + 8;
        for (Series s : series) {
            double x = W - RIGHT - 190;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%s\" y=\"%s\" width=\"14\" height=\"4\" fill=\"%s\"/>",
                    fmt(x), fmt(y), s.color()));
            svg.append(text(x + 20, y + 6, "start", s.name()));
            y += 18;
        }
    }

    /** log10(1 / (1 - p)): 90% is 1, 99% is 2, 99.9% is 3, ... */
    static double nines(double percentile) {
        double p = Math.min(percentile / 100.0, 1 - Math.pow(10, -MAX_NINES));
        return Math.log10(1 / (1 - p));
    }

    /** 0%, 90%, 99%, 99.9%, 99.99%, ... */
    static String percentLabel(int nines) {
        return switch (nines) {
            case 0 -> "0%";
            case 1 -> "90%";
            case 2 -> "99%";
            default -> "99." + "9".repeat(nines - 2) + "%";
        };
    }

    private static double x(double nines, double maxNines) {
        return LEFT + (W - LEFT - RIGHT) * nines / maxNines;
    }

    private static double y(double v, double yMax) {
        return H - BOTTOM - (H - TOP - BOTTOM) * v / yMax;
    }

    /** The smallest 1, 2 or 5 times a power of ten that is at least {@code v}, and never 0. */
    static double niceMax(double v) {
        if (v <= 0) {
            return 1;
        }
        double mag = Math.pow(10, Math.floor(Math.log10(v)));
        for (double f : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
            if (f * mag >= v * 1.0000001) {
                return f * mag;
            }
        }
        return 10 * mag;
    }

    private static double niceStep(double max) {
        double raw = max / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double f : new double[] {1, 2, 2.5, 5, 10}) {
            if (f * mag >= raw * 0.999) {
                return f * mag;
            }
        }
        return 10 * mag;
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String line(double x1, double y1, double x2, double y2, String color) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2)
                + "\" stroke=\"" + color + "\" stroke-width=\"1\"/>";
    }

    private static String text(double x, double y, String anchor, String s) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + Html.escape(s)
                + "</text>";
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
