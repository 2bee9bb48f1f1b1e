package io.tern.server.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.protocol.ChatResp;
import io.tern.protocol.ErrorFrame;
import io.tern.protocol.Pong;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import io.tern.server.support.WsTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every kind of bad input gets its documented error, and the connection stays usable. */
class BadInputTest {
    private static TestServer server;
    private static TestUser alice;
    private static TestUser bob;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("server.maxFrameBytes", "4096", "server.maxHttpBodyBytes", "2048",
                "delivery.maxContentBytes", "2048"));
        alice = server.user("alice");
        bob = server.user("bob");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":80,                                                   | BAD_FRAME",
            "[1,2,3]                                                          | BAD_FRAME",
            "\"just a string\"                                               | BAD_FRAME",
            "{\"type\":777}                                                   | UNKNOWN_TYPE",
            "{\"type\":\"chat\"}                                              | UNKNOWN_TYPE",
            "{\"hello\":1}                                                    | UNKNOWN_TYPE",
            "{\"type\":81,\"clientMsgId\":\"x\"}                              | UNKNOWN_TYPE",
            "{\"type\":80,\"clientMsgId\":\"m\",\"content\":{\"contentType\":1}} | INVALID_FIELD",
            "{\"type\":80,\"clientMsgId\":\"m\",\"toId\":\"two\",\"content\":{\"contentType\":1}} | INVALID_FIELD",
            "{\"type\":80,\"clientMsgId\":\"m\",\"toId\":2,\"content\":[1]}   | INVALID_FIELD",
            "{\"type\":80,\"clientMsgId\":\"m\",\"toId\":2}                   | INVALID_FIELD",
            "{\"type\":80,\"clientMsgId\":\"\",\"toId\":2,\"content\":{\"contentType\":1}} | INVALID_FIELD",
            "{\"type\":80,\"clientMsgId\":\"m\",\"toId\":2,\"content\":{\"contentType\":\"1\"}} | INVALID_FIELD",
            "{\"type\":90,\"conversationId\":\"p:1:2\",\"seq\":-5}           | INVALID_FIELD",
            "{\"type\":90,\"conversationId\":\"p:1:2\",\"seq\":1e400}         | INVALID_FIELD",
            "{\"type\":102,\"conversationId\":\"p:1:2\",\"afterSeq\":99999999999999999999999} | INVALID_FIELD",
            "{\"type\":102,\"conversationId\":\"p:1:2\",\"afterSeq\":1,\"limit\":0} | INVALID_FIELD",
            "{\"type\":100,\"cursors\":[1,2]}                                 | INVALID_FIELD",
            "{\"type\":102,\"conversationId\":\"p:9:9' OR 1=1 --\",\"afterSeq\":0} | NOT_A_MEMBER",
    })
    void badFrame_getsErrorCode_andConnectionStaysUsable(String frame, String code) {
        try (WsTestClient c = server.connect(alice)) {
            c.send(frame);
            ErrorFrame error = c.next(ErrorFrame.class);
            assertThat(error.error()).isEqualTo(code);
            assertThat(error.message()).isNotBlank();
            c.send(ChatTest.chat("after-" + Math.abs(frame.hashCode()), bob.userId(), "still fine"));
            assertThat(c.next(ChatResp.class).seq()).isPositive();
        }
    }

    @Test
    void invalidFields_echoClientMsgIdAndRefType() {
        try (WsTestClient c = server.connect(alice)) {
            c.send("{\"type\":80,\"clientMsgId\":\"echo-me\",\"toId\":-1,\"content\":{\"contentType\":1}}");
            ErrorFrame error = c.next(ErrorFrame.class);
            assertThat(error.clientMsgId()).isEqualTo("echo-me");
            assertThat(error.refType()).isEqualTo(80);
            assertThat(error.code()).isEqualTo(1002);
        }
    }

    @Test
    void deepNesting_isRefused() {
        try (WsTestClient c = server.connect(alice)) {
            String deep = "{\"a\":".repeat(200) + "1" + "}".repeat(200);
            c.send("{\"type\":80,\"clientMsgId\":\"d\",\"toId\":" + bob.userId() + ",\"content\":" + deep + "}");
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo("BAD_FRAME");
            c.send("{\"type\":40}");
            c.next(Pong.class);
        }
    }

    @Test
    void overSizeFrame_isFrameTooLarge_andConnectionStaysUsable() {
        try (WsTestClient c = server.connect(alice)) {
            c.send(ChatTest.chat("big", bob.userId(), "x".repeat(10_000)));
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo("FRAME_TOO_LARGE");
            c.send("{\"type\":40}");
            c.next(Pong.class);
        }
    }

    @Test
    void binaryFrame_isBadFrame() {
        try (WsTestClient c = server.connect(alice)) {
            c.sendBinary(new byte[] {1, 2, 3});
            assertThat(c.next(ErrorFrame.class).error()).isEqualTo("BAD_FRAME");
            c.send("{\"type\":40}");
            c.next(Pong.class);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @CsvSource(delimiter = '|', value = {
            "POST | /api/register | {\"username\":\"ab\",\"password\":\"password-1\"}        | 400 | INVALID_CREDENTIALS_FORMAT",
            "POST | /api/register | {\"username\":\"a b c\",\"password\":\"password-1\"}     | 400 | INVALID_CREDENTIALS_FORMAT",
            "POST | /api/register | {\"username\":\"carol\",\"password\":\"short\"}          | 400 | INVALID_CREDENTIALS_FORMAT",
            "POST | /api/register | {\"username\":\"carol\",\"password\":123456789}          | 400 | INVALID_FIELD",
            "POST | /api/register | {\"username\":\"alice\",\"password\":\"password-1\"}     | 409 | USERNAME_TAKEN",
            "POST | /api/register | not json                                                | 400 | BAD_FRAME",
            "POST | /api/login    | {\"username\":\"nobody\",\"password\":\"password-1\"}    | 401 | LOGIN_FAILED",
            "POST | /api/login    | {\"username\":\"alice\",\"password\":\"wrong-pass\"}     | 401 | LOGIN_FAILED",
            "GET  | /api/login    |                                                         | 405 | METHOD_NOT_ALLOWED",
            "GET  | /api/nothing  |                                                         | 404 | NOT_FOUND",
            "GET  | /api/conversations |                                                    | 401 | INVALID_TOKEN",
            "POST | /api/logout   |                                                         | 401 | INVALID_TOKEN",
    })
    void badHttpRequest_getsJsonError(String method, String path, String body, int status, String code) {
        Http.Response r = method.equals("POST") ? server.http().post(path, body == null ? "" : body, null)
                : server.http().get(path, null);
        assertThat(r.status()).isEqualTo(status);
        assertThat(r.body().get("error").get("code").asText()).isEqualTo(code);
        assertThat(r.body().get("error").get("message").asText()).isNotBlank();
    }

    @Test
    void unknownUserAndWrongPassword_getTheSameAnswer() {
        Http.Response unknown = server.http().post("/api/login", "{\"username\":\"nobody\",\"password\":\"password-1\"}", null);
        Http.Response wrong = server.http().post("/api/login", "{\"username\":\"alice\",\"password\":\"password-2\"}", null);
        assertThat(unknown.status()).isEqualTo(wrong.status());
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void longPasswords_workAndLoginAnswersDoNotRevealUsers() {
        String longPassword = "p".repeat(128);
        assertThat(server.http().post("/api/register", "{\"username\":\"longpass\",\"password\":\"" + longPassword + "\"}",
                null).status()).isEqualTo(201);
        assertThat(server.http().post("/api/login", "{\"username\":\"longpass\",\"password\":\"" + longPassword + "\"}",
                null).status()).isEqualTo(200);
        String tooLong = "q".repeat(300);
        Http.Response known = server.http().post("/api/login", "{\"username\":\"alice\",\"password\":\"" + tooLong + "\"}", null);
        Http.Response unknown = server.http().post("/api/login", "{\"username\":\"nobody\",\"password\":\"" + tooLong + "\"}", null);
        assertThat(known.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(known.body());
    }

    @Test
    void pullError_echoesReqId() {
        try (WsTestClient c = server.connect(alice)) {
            c.send("{\"type\":102,\"conversationId\":\"g:424242\",\"afterSeq\":0,\"reqId\":\"r-7\"}");
            ErrorFrame error = c.next(ErrorFrame.class);
            assertThat(error.error()).isEqualTo("NOT_A_MEMBER");
            assertThat(error.reqId()).isEqualTo("r-7");
        }
    }

    @Test
    void historyWithBothDirections_is400() {
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        Http.Response r = server.http().get("/api/conversations/" + conv + "/messages?afterSeq=1&beforeSeq=5", alice.token());
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void overSizeHttpBody_is413Json() {
        Http.Response r = server.http().post("/api/register", "{\"username\":\"" + "x".repeat(5000) + "\"}", null);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.body().get("error").get("code").asText()).isEqualTo("FRAME_TOO_LARGE");
    }

    @Test
    void badQueryParameters_are400() {
        String conv = "p:" + alice.userId() + ":" + bob.userId();
        for (String q : new String[] {"limit=0", "limit=abc", "beforeSeq=-1", "limit=100000"}) {
            Http.Response r = server.http().get("/api/conversations/" + conv + "/messages?" + q, alice.token());
            assertThat(r.status()).as(q).isEqualTo(400);
            assertThat(r.body().get("error").get("code").asText()).isEqualTo("INVALID_FIELD");
        }
        Http.Response longId = server.http().get("/api/conversations/" + "p".repeat(300) + "/messages", alice.token());
        assertThat(longId.status()).isIn(400, 403);
    }

    @Test
    void staticFiles_refuseTraversal() {
        Http.Response r = server.http().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/..%2f..%2fetc%2fpasswd")).GET(), null);
        assertThat(r.status()).isEqualTo(404);
    }
}
