package io.tern.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.io.IOException;
import java.util.Objects;

/**
 * A JSON object kept as its text: message content is stored and delivered exactly as the sender gave
 * it, so the server writes it out verbatim instead of re-parsing it for every push.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public record RawJson(String json) {
    public RawJson {
        Objects.requireNonNull(json, "json");
    }

    /** The content as a tree, for clients that want to read fields such as {@code body}. */
    public JsonNode tree() {
        return FrameCodec.parseTree(json);
    }

    @Override
    public String toString() {
        return json;
    }

    static final class Writer extends JsonSerializer<RawJson> {
        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeRawValue(value.json);
        }
    }

    static final class Reader extends JsonDeserializer<RawJson> {
        @Override
        public RawJson deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject()) {
                throw new IllegalArgumentException("content must be a JSON object");
            }
            return new RawJson(node.toString());
        }
    }
}
