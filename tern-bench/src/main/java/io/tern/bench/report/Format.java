package io.tern.bench.report;

import java.util.Locale;
import java.util.Map;

/** Number formats shared by the text summary and the HTML page. */
final class Format {
    private Format() {
    }

    static String ms(long us) {
        return String.format(Locale.ROOT, "%.3f ms", us / 1000.0);
    }

    static String us(double v) {
        return String.format(Locale.ROOT, "%.2f µs", v);
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String rate(double v) {
        return String.format(Locale.ROOT, "%,.0f/s", v);
    }

    static String bytes(Double v) {
        if (v == null) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1 << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", v / (1 << 30));
        }
        if (a >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
        }
        if (a >= 1 << 10) {
            return String.format(Locale.ROOT, "%.2f KiB", v / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", v);
    }

    static String map(Map<String, ? extends Number> m) {
        return m == null || m.isEmpty() ? "none" : m.toString();
    }
}
