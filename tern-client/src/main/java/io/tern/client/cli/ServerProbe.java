package io.tern.client.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Asks the server's {@code /healthz} before the login, a few times with growing pauses. The SDK retries a
 * lost connection forever, which is right once a session ran, but a person who mistyped {@code --server}
 * must hear so within seconds instead of watching the console wait. An unknown host or an answer that is
 * not Tern's ends it at once: waiting would not cure those.
 */
final class ServerProbe {
    /** Pauses before the second, third and fourth try: about 4 s before giving up on a refused port. */
    static final List<Duration> PAUSES = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final List<Duration> pauses;

    ServerProbe(List<Duration> pauses) {
        this.pauses = List.copyOf(pauses);
    }

    /** Null if the server answers like Tern; else the line to show (it names the server and the fix). */
    String problem(URI server) throws InterruptedException {
        URI health = server.resolve("/healthz");
        try {
            java.net.InetAddress.getByName(server.getHost());
        } catch (UnknownHostException e) {
            return "unknown host " + server.getHost() + ": check the spelling of --server";
        }
        String last = "";
        for (int attempt = 0; attempt <= pauses.size(); attempt++) {
            if (attempt > 0) {
                Thread.sleep(pauses.get(attempt - 1).toMillis());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(health).timeout(TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"status\"")) {
                    return null;
                }
                return server + " answered " + r.statusCode() + " to /healthz: is it a Tern server? check --server";
            } catch (ConnectException e) {
                last = "connection refused";
            } catch (HttpTimeoutException e) {
                last = "timed out";
            } catch (IOException e) {
                last = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            }
        }
        return "cannot reach " + server + " (" + last + ", " + (pauses.size() + 1)
                + " tries): is the server running, and is --server right?";
    }
}
