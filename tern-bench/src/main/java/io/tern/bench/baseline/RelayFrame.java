package io.tern.bench.baseline;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The fields the relay needs from a client frame: its type, the target connection ({@code toId}, or
 * {@code to}), the clientMsgId, and where the {@code content} object lies in the bytes, so the push
 * carries it verbatim (as Tern does) without re-encoding it. Reused per event-loop thread.
 */
final class RelayFrame {
    private static final JsonFactory JSON = new JsonFactory();

    int type;
    long to;
    String clientMsgId;
    int contentStart;
    int contentEnd;

    /** Reads {@code length} bytes of {@code bytes} from {@code offset}; false if it is not a JSON object. */
    boolean read(byte[] bytes, int offset, int length) throws IOException {
        type = -1;
        to = -1;
        clientMsgId = null;
        contentStart = -1;
        contentEnd = -1;
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "type" -> type = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : Integer.parseInt(p.getText());
                    case "toId", "to" -> to = p.getLongValue();
                    case "clientMsgId" -> clientMsgId = p.getText();
                    case "content" -> {
                        contentStart = offset + (int) p.currentTokenLocation().getByteOffset();
                        p.skipChildren();
                        contentEnd = offset + (int) p.currentLocation().getByteOffset();
                    }
                    default -> p.skipChildren();
                }
            }
        }
        return true;
    }
}
