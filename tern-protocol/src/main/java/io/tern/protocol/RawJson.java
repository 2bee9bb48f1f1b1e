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
 * A JSON object kept as its (normalized) text: message content is stored and delivered as the sender gave
 * it, and written out verbatim instead of being re-serialized for every push. A value decoded from a frame
 * also keeps its tree, so checking it costs no second parse.
 */
@JsonSerialize(using = RawJson.Writer.class)
@JsonDeserialize(using = RawJson.Reader.class)
public final class RawJson {
    private final String json;
    private JsonNode tree;

    public RawJson(String json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    RawJson(String json, JsonNode tree) {
        this(json);
        this.tree = tree;
    }

    public String json() {
        return json;
    }

    /** The content as a tree, for readers of fields such as {@code body}. Do not modify it. */
    public JsonNode tree() {
        JsonNode t = tree;
        if (t == null) {
            t = FrameCodec.parseTree(json);
            tree = t;
        }
        return t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson other && json.equals(other.json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
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
            return new RawJson(node.toString(), node);
        }
    }
}
