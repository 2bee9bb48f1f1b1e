package io.tern.server.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a server's Prometheus text at /metrics. */
public final class Scrape {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Scrape() {
    }

    public static String metrics(int port) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read /metrics", e);
        }
    }

    /** The sum of all series of a metric, or -1 if it is not there. */
    public static double value(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(2));
            found = true;
        }
        return found ? sum : -1;
    }

    public static double value(int port, String name) {
        return value(metrics(port), name);
    }
}
