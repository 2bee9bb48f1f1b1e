package io.tern.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tern.protocol.FrameCodec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local HTTP endpoint standing in for a push service (webhook receiver, FCM, a Web Push endpoint): records
 * every request and answers with the queued statuses, then 200.
 */
public final class PushReceiver implements AutoCloseable {
    /** One request as it arrived. */
    public record Request(String path, Map<String, List<String>> headers, byte[] body, int answered) {
        public String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        public JsonNode json() {
            try {
                return FrameCodec.mapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A queued answer: status and body. */
    public record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private volatile Answer always;

    private PushReceiver(HttpServer server) {
        this.server = server;
    }

    public static PushReceiver start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            PushReceiver receiver = new PushReceiver(server);
            server.createContext("/", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                Answer answer = receiver.always != null ? receiver.always : receiver.answers.poll();
                if (answer == null) {
                    answer = new Answer(exchange.getRequestURI().getPath().startsWith("/token") ? 200 : 201,
                            exchange.getRequestURI().getPath().startsWith("/token")
                                    ? "{\"access_token\":\"oauth-from-jwt\",\"expires_in\":3600}" : "{}");
                }
                receiver.requests.add(new Request(exchange.getRequestURI().getPath(),
                        Map.copyOf(exchange.getRequestHeaders()), body, answer.status()));
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
                if (out.length > 0) {
                    exchange.getResponseBody().write(out);
                }
                exchange.close();
            });
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next requests get these answers, in order. */
    public void answer(int status, String body) {
        answers.add(new Answer(status, body));
    }

    /** Every request gets this answer until {@link #answerNormally()}. */
    public void answerAlways(int status) {
        always = new Answer(status, "{}");
    }

    public void answerNormally() {
        always = null;
    }

    public List<Request> requests() {
        return new ArrayList<>(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
