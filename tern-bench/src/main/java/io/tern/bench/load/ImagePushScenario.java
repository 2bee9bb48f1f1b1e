package io.tern.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tern.bench.net.SourceAddresses;
import io.tern.bench.net.WsClient;
import io.tern.bench.target.Endpoint;
import io.tern.bench.target.SetupFailure;
import io.tern.bench.target.TernTarget;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Issue 13's "done when": what one image message to a big group costs on the push path. Members of one group,
 * all online over WebSocket; the first uploads a photo (POST /api/media) and sends it to the group; every other
 * member's CHAT push naming the media is measured (WebSocket payload bytes). Then a few members fetch the
 * thumbnail, as a client shows it. Bytes do not depend on the machine's load; the time taken does.
 */
public final class ImagePushScenario {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What was measured. {@code pushBytes*} are per receiving member; {@code windowBytes} all they got meanwhile. */
    public record Result(int members, int receivers, long imageBytes, long servedBytes, long thumbnailBytes,
                         long pushBytesMin, long pushBytesMax, double pushBytesAvg, long pushesTotal, long rePushes,
                         long windowBytesTotal, double fanoutMillis) {
        /** What pushing the image itself to every receiver would have cost. */
        public long naiveBytes() {
            return servedBytes * receivers;
        }
    }

    private ImagePushScenario() {
    }

    public static Result run(TernTarget target, int members, int imageKb, PrintStream out) throws Exception {
        if (members < 2) {
            throw new IllegalArgumentException("need --members >= 2");
        }
        List<Endpoint> all = target.prepare("i", members, 1, out);
        String base = target.http().base().toString().replaceAll("/$", "");
        Endpoint sender = all.get(0);
        long groupId;
        try {
            groupId = target.http().createGroup(sender.token(), "image-push",
                    all.subList(1, members).stream().map(Endpoint::address).toList());
        } catch (Exception e) {
            throw new SetupFailure("cannot create a group of " + members + ": " + e.getMessage()
                    + " (start the server with --set delivery.maxGroupMembers=" + members + " if it is above the limit)");
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        byte[] photo = SampleImage.jpeg(imageKb * 1024);
        JsonNode uploaded = json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/media?name=photo.jpg"))
                .header("Authorization", "Bearer " + sender.token()).POST(HttpRequest.BodyPublishers.ofByteArray(photo))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()), 201, "upload");
        String mediaId = uploaded.path("mediaId").asText();
        if (out != null) {
            out.printf("uploaded a %d-byte JPEG (%dx%d, served %d bytes, thumbnail %d bytes)%n", photo.length,
                    uploaded.path("width").asInt(), uploaded.path("height").asInt(), uploaded.path("size").asLong(),
                    uploaded.path("thumbnail").path("size").asLong());
        }

        CountDownLatch firstPushes = new CountDownLatch(members - 1);
        List<PushByteCounter> counters = new ArrayList<>();
        try (WsClient client = new WsClient(new SourceAddresses(1))) {
            List<CompletableFuture<?>> opened = new ArrayList<>();
            for (Endpoint e : all.subList(1, members)) {
                PushByteCounter c = new PushByteCounter(mediaId, firstPushes);
                counters.add(c);
                opened.add(client.connect(e.wsUri(), c));
            }
            CompletableFuture.allOf(opened.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            counters.forEach(PushByteCounter::arm);
            long sentAt = System.nanoTime();
            json(http.send(HttpRequest.newBuilder(URI.create(base + "/api/messages"))
                    .header("Authorization", "Bearer " + sender.token()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientMsgId\":\"image-1\",\"groupId\":" + groupId
                            + ",\"content\":{\"contentType\":2,\"mediaId\":\"" + mediaId
                            + "\",\"caption\":\"sunset over the harbour\"}}"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()), 200, "send");
            if (!firstPushes.await(120, TimeUnit.SECONDS)) {
                throw new SetupFailure(firstPushes.getCount() + " of " + (members - 1) + " members got no push in 120 s");
            }
            double fanoutMillis = (System.nanoTime() - sentAt) / 1e6;
            long thumbnail = 0;
            for (Endpoint e : all.subList(1, Math.min(members, 11))) { // a client shows the thumbnail
                HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/media/" + mediaId
                        + "/thumbnail")).header("Authorization", "Bearer " + e.token()).timeout(Duration.ofSeconds(30))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (r.statusCode() != 200) {
                    throw new SetupFailure("member " + e.username() + " could not fetch the thumbnail: " + r.statusCode());
                }
                thumbnail = r.body().length;
            }
            long min = Long.MAX_VALUE;
            long max = 0;
            long sum = 0;
            long pushes = 0;
            long window = 0;
            for (PushByteCounter c : counters) {
                min = Math.min(min, c.pushBytes());
                max = Math.max(max, c.pushBytes());
                sum += c.pushBytes();
                pushes += c.pushes();
                window += c.windowBytes();
            }
            return new Result(members, members - 1, photo.length, uploaded.path("size").asLong(), thumbnail, min, max,
                    (double) sum / counters.size(), pushes, pushes - counters.size(), window, fanoutMillis);
        }
    }

    private static JsonNode json(HttpResponse<String> r, int expected, String what) throws Exception {
        if (r.statusCode() != expected) {
            throw new SetupFailure(what + " failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
