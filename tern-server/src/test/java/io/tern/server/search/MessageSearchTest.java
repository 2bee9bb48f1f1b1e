package io.tern.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tern.server.support.Http;
import io.tern.server.support.TestServer;
import io.tern.server.support.TestUser;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GET /api/search: hits in English and Chinese text, highlights, paging, and never a message outside the
 * caller's membership windows or in a conversation they are not in. Runs on PostgreSQL too (the pom's
 * postgres execution).
 */
class MessageSearchTest {
    private TestServer server;
    private Http http;
    private TestUser alice;
    private TestUser bob;
    private TestUser carol;
    private String aliceBob;
    private int sent;

    @BeforeEach
    void start() {
        server = TestServer.start(Map.of("limits.lookupsPerMinute", "10000"));
        http = server.http();
        alice = server.user("alice");
        bob = server.user("bob");
        carol = server.user("carol");
        aliceBob = "p:" + alice.userId() + ":" + bob.userId();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long send(TestUser from, String target, String body) {
        Http.Response r = http.post("/api/messages", "{\"clientMsgId\":\"s" + (++sent) + "\"," + target
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r.body().get("seq").asLong();
    }

    private String to(TestUser user) {
        return "\"toId\":" + user.userId();
    }

    private Http.Response search(TestUser user, String query, String extra) {
        return http.get("/api/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8) + extra, user.token());
    }

    private List<String> bodies(TestUser user, String query) {
        Http.Response r = search(user, query, "");
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        List<String> out = new ArrayList<>();
        r.body().get("hits").forEach(h -> out.add(h.get("text").asText()));
        return out;
    }

    @Test
    void findsEnglishText_ignoringCase_newestFirst_withHighlights() {
        send(alice, to(bob), "Hello World, the world is big");
        send(bob, to(alice), "nothing to see");
        send(alice, to(bob), "another WORLD");

        JsonNode body = search(bob, "world", "").body();
        assertThat(body.get("hits")).hasSize(2);
        JsonNode newest = body.get("hits").get(0);
        assertThat(newest.get("text").asText()).isEqualTo("another WORLD");
        assertThat(newest.get("message").get("conversationId").asText()).isEqualTo(aliceBob);
        assertThat(newest.get("message").get("seq").asLong()).isEqualTo(3);
        JsonNode first = body.get("hits").get(1);
        assertThat(first.get("highlights").toString()).isEqualTo("[{\"start\":6,\"end\":11},{\"start\":17,\"end\":22}]");
        assertThat(body.get("nextBefore").isNull()).isTrue();
        // the sender finds their own message too
        assertThat(bodies(alice, "World")).containsExactly("another WORLD", "Hello World, the world is big");
    }

    @Test
    void findsChineseText_byTwoAndByMoreCharacters() {
        send(alice, to(bob), "今天天气很好，我们去公园吧");
        send(bob, to(alice), "明天北京下雨");
        send(alice, to(bob), "hello");

        assertThat(bodies(bob, "天气很好")).containsExactly("今天天气很好，我们去公园吧");
        assertThat(bodies(bob, "公园")).containsExactly("今天天气很好，我们去公园吧"); // 2 characters: below trigram
        assertThat(bodies(alice, "北京")).containsExactly("明天北京下雨");
        assertThat(bodies(alice, "明天北京下雨")).containsExactly("明天北京下雨");
        assertThat(bodies(alice, "上海")).isEmpty();
        JsonNode hit = search(bob, "公园", "").body().get("hits").get(0);
        assertThat(hit.get("highlights").toString()).isEqualTo("[{\"start\":10,\"end\":12}]");
    }

    @Test
    void aStranger_findsNothing_andCannotNameTheConversation() {
        send(alice, to(bob), "the secret plan");
        assertThat(bodies(carol, "secret")).isEmpty();
        assertThat(bodies(carol, "se")).isEmpty();
        Http.Response named = search(carol, "secret", "&conversationId=" + aliceBob);
        assertThat(named.status()).isEqualTo(403);
        assertThat(named.body().get("error").get("code").asText()).isEqualTo("NOT_A_MEMBER");
    }

    @Test
    void aGroupMember_findsOnlyWhatWasSentWhileTheyWereIn() {
        long g = http.post("/api/groups", "{\"name\":\"g\",\"memberIds\":[" + bob.userId() + "]}", alice.token())
                .body().get("groupId").asLong();
        String group = "\"groupId\":" + g;
        send(alice, group, "secret before carol");
        assertThat(http.post("/api/groups/" + g + "/members", "{\"userIds\":[" + carol.userId() + "]}",
                alice.token()).status()).isEqualTo(200);
        send(bob, group, "secret while carol is in");
        assertThat(http.delete("/api/groups/" + g + "/members/" + carol.userId(), alice.token()).status())
                .isEqualTo(200);
        send(alice, group, "secret after carol");

        assertThat(bodies(carol, "secret")).containsExactly("secret while carol is in");
        assertThat(bodies(carol, "cr")).containsExactly("secret while carol is in");
        JsonNode inGroup = search(carol, "secret", "&conversationId=g:" + g).body();
        assertThat(inGroup.get("hits")).hasSize(1);
        assertThat(bodies(bob, "secret")).hasSize(3);
    }

    @Test
    void pagesWithNextBefore_untilNoMore_perConversation() {
        for (int i = 1; i <= 5; i++) {
            send(alice, to(bob), "page " + i);
        }
        send(alice, to(carol), "page elsewhere");
        List<String> seen = new ArrayList<>();
        String extra = "&limit=2&conversationId=" + aliceBob;
        JsonNode page = search(alice, "page", extra).body();
        while (true) {
            page.get("hits").forEach(h -> seen.add(h.get("text").asText()));
            if (page.get("nextBefore").isNull()) {
                break;
            }
            assertThat(page.get("hits")).hasSize(2);
            page = search(alice, "page", extra + "&before=" + page.get("nextBefore").asLong()).body();
        }
        assertThat(seen).containsExactly("page 5", "page 4", "page 3", "page 2", "page 1");
        assertThat(bodies(alice, "page")).hasSize(6);
    }

    @Test
    void aOneCharacterQuery_isRefused_andLikeWildcardsAreLiteral() {
        send(alice, to(bob), "100% sure");
        send(alice, to(bob), "plain text");
        Http.Response shortQuery = search(bob, " a ", "");
        assertThat(shortQuery.status()).isEqualTo(400);
        assertThat(shortQuery.body().get("error").get("code").asText()).isEqualTo("SEARCH_QUERY_TOO_SHORT");
        assertThat(search(bob, "", "").status()).isEqualTo(400);
        assertThat(bodies(bob, "0%")).containsExactly("100% sure");
        assertThat(bodies(bob, "%%")).isEmpty();
        assertThat(bodies(bob, "\\\"x")).isEmpty(); // quotes and backslashes are text, not syntax
        assertThat(search(bob, "x".repeat(201), "").status()).isEqualTo(400);
    }

    private String sendContent(TestUser from, String target, String content) {
        Http.Response r = http.post("/api/messages", "{\"clientMsgId\":\"s" + (++sent) + "\"," + target
                + ",\"content\":" + content + "}", from.token());
        assertThat(r.status()).as(String.valueOf(r.body())).isEqualTo(200);
        return r.body().get("msgId").asText();
    }

    @Test
    void editedMessage_isFoundByItsNewTextOnly_andARecalledOneNotAtAll() {
        String typo = sendContent(alice, to(bob), "{\"contentType\":1,\"body\":\"meet at the gallery\"}");
        String secret = sendContent(alice, to(bob), "{\"contentType\":1,\"body\":\"the vault code is 4711\"}");
        sendContent(alice, to(bob), "{\"contentType\":20,\"target\":\"" + typo
                + "\",\"body\":\"meet at the harbour\"}");
        sendContent(alice, to(bob), "{\"contentType\":21,\"target\":\"" + secret + "\"}");

        assertThat(bodies(bob, "gallery")).isEmpty();
        assertThat(bodies(bob, "harbour")).containsExactly("meet at the harbour"); // the message, not the edit event
        JsonNode edited = search(bob, "harbour", "").body().get("hits").get(0).get("message");
        assertThat(edited.get("state").isObject()).as(edited.toString()).isTrue(); // applied state, as in history
        assertThat(edited.get("content").get("body").asText()).isEqualTo("meet at the harbour");
        assertThat(bodies(bob, "vault")).isEmpty();
        assertThat(bodies(alice, "4711")).isEmpty();
    }
}
