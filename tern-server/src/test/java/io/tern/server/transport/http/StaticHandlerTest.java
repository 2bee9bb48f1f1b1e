package io.tern.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

/** The static handler in a Netty channel held in memory: what it answers and what it keeps. */
class StaticHandlerTest {
    private final StaticHandler handler = new StaticHandler();
    private final EmbeddedChannel channel = new EmbeddedChannel(handler);

    @Test
    void missingPaths_areNeverCached() {
        for (int i = 0; i < 10_000; i++) {
            assertThat(get("/missing-" + i + ".js").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        }
        assertThat(handler.cachedFiles()).isZero();

        assertThat(get("/").status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(get("/index.html").status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(handler.cachedFiles()).isEqualTo(1);
    }

    @Test
    void head_answersHeadersWithoutBody() {
        FullHttpResponse response = request(HttpMethod.HEAD, "/");
        assertThat(response.status()).isEqualTo(HttpResponseStatus.OK);
        assertThat(response.headers().getInt("Content-Length")).isPositive();
        assertThat(response.content().readableBytes()).isZero();
        response.release();
    }

    @Test
    void traversalAndOverlongPaths_areNotFound() {
        assertThat(get("/../pom.xml").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(get("/js/..%2f..%2fpom.xml").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(get("/" + "a".repeat(4000) + ".js").status()).isEqualTo(HttpResponseStatus.NOT_FOUND);
        assertThat(handler.cachedFiles()).isZero();
    }

    private FullHttpResponse get(String path) {
        FullHttpResponse response = request(HttpMethod.GET, path);
        response.release();
        return response;
    }

    private FullHttpResponse request(HttpMethod method, String path) {
        channel.writeInbound(new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, path));
        FullHttpResponse response = channel.readOutbound();
        assertThat(response).as("answer to %s %s", method, path).isNotNull();
        return response;
    }
}
