package io.tern.server.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.tern.protocol.ChatSend;
import io.tern.server.core.TernException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The JSON bodies and query values of the HTTP API: whatever a client sends, parsing either succeeds or
 * fails with a TernException (a documented 4xx), never with anything that would become a 500.
 */
class HttpBodyFuzzTest {
    @FuzzTest(maxDuration = "10s")
    @DictionaryEntries({"{", "}", "\"username\":", "\"password\":", "\"memberIds\":", "\"open\":", "\"clientMsgId\":",
            "\"toId\":", "\"groupId\":", "\"content\":", "\"contentType\":", "p:1:2=", ",g:3=", "[1,2]", "true", "null"})
    void bodiesAndCursors_parseOrFailWithDocumentedErrors(FuzzedDataProvider data) {
        String cursors = data.consumeString(200);
        byte[] body = data.consumeRemainingAsString().getBytes(StandardCharsets.UTF_8);
        ApiRequest request = new ApiRequest("POST", "/api/x", Map.of(), Map.of(), "h", null, body, null, "127.0.0.1");
        try {
            JsonNode json = request.json();
            assertThat(json.isObject()).isTrue();
            ApiRequest.text(json, "username");
            List<Long> ids = ApiRequest.ids(json, "memberIds", 2000);
            assertThat(ids).allMatch(id -> id > 0);
            ApiRequest.bool(json, "open", false);
            ChatSend chat = HttpMessagingRoutes.chatOf(json);
            assertThat(chat.clientMsgId()).isNotEmpty();
        } catch (TernException expected) {
            assertThat(expected.code()).isNotNull();
        }
        try {
            Map<String, Long> parsed = HttpMessagingRoutes.parseCursors(cursors);
            assertThat(parsed.values()).allMatch(seq -> seq >= 0);
        } catch (TernException expected) {
            assertThat(expected.code()).isNotNull();
        }
    }
}
