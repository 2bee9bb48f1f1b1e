package io.tern.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns JSON text into frame records and back. One codec decodes what clients send (used by the server),
 * the other what servers send (used by the SDK); both encode any frame.
 */
public final class FrameCodec {
    /** Deeper JSON than this is refused before it is mapped: content has no use for deep trees. */
    public static final int MAX_NESTING_DEPTH = 32;

    private static final ObjectMapper MAPPER = newMapper();

    private static final Map<Integer, Class<? extends Frame>> CLIENT_FRAMES = Map.of(
            FrameType.USER_LOGIN, Login.class,
            FrameType.PING, Ping.class,
            FrameType.PONG, Pong.class,
            FrameType.CHAT, ChatSend.class,
            FrameType.ACK, Ack.class,
            FrameType.SYNC, Sync.class,
            FrameType.PULL, Pull.class,
            FrameType.READ, Read.class,
            FrameType.TYPING, Typing.class);

    private static final Map<Integer, Class<? extends Frame>> SERVER_FRAMES = Map.ofEntries(
            Map.entry(FrameType.USER_LOGIN_RESP, LoginResp.class),
            Map.entry(FrameType.KICK, Kick.class),
            Map.entry(FrameType.HEARTBEAT_TIMEOUT, HeartbeatTimeout.class),
            Map.entry(FrameType.PING, Ping.class),
            Map.entry(FrameType.PONG, Pong.class),
            Map.entry(FrameType.CHAT, ChatPush.class),
            Map.entry(FrameType.CHAT_RESP, ChatResp.class),
            Map.entry(FrameType.ACK_RESP, AckResp.class),
            Map.entry(FrameType.ERROR, ErrorFrame.class),
            Map.entry(FrameType.SYNC_RESP, SyncResp.class),
            Map.entry(FrameType.PULL_RESP, PullResp.class),
            Map.entry(FrameType.SYNC_HINT, SyncHint.class),
            Map.entry(FrameType.READ_NOTIFY, ReadNotify.class),
            Map.entry(FrameType.TYPING_NOTIFY, TypingNotify.class),
            Map.entry(FrameType.PRESENCE_NOTIFY, PresenceNotify.class));

    private final Map<Integer, Class<? extends Frame>> accepted;

    private FrameCodec(Map<Integer, Class<? extends Frame>> accepted) {
        this.accepted = accepted;
    }

    /** The codec of the server: decodes frames a client may send. */
    public static FrameCodec forServer() {
        return new FrameCodec(CLIENT_FRAMES);
    }

    /** The codec of a client: decodes frames a server may send. */
    public static FrameCodec forClient() {
        return new FrameCodec(SERVER_FRAMES);
    }

    /** The shared, fully configured mapper (thread-safe) for HTTP bodies and other JSON. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public byte[] encode(Frame frame) {
        try {
            return MAPPER.writeValueAsBytes(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame not serialisable: " + frame.getClass().getSimpleName(), e);
        }
    }

    public String encodeToString(Frame frame) {
        try {
            return MAPPER.writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frame not serialisable: " + frame.getClass().getSimpleName(), e);
        }
    }

    public Frame decode(String text) throws FrameDecodeException {
        return decode(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public Frame decode(byte[] utf8) throws FrameDecodeException {
        JsonNode node;
        try {
            node = MAPPER.readTree(utf8);
        } catch (IOException | RuntimeException e) {
            // RuntimeException too: a number the parser cannot represent (found by fuzzing) is bad input as well
            throw new FrameDecodeException(ErrorCode.BAD_FRAME, JsonErrors.describe(e), null, null);
        }
        return decode(node);
    }

    private Frame decode(JsonNode node) throws FrameDecodeException {
        if (node == null || !node.isObject()) {
            throw new FrameDecodeException(ErrorCode.BAD_FRAME, "a frame must be a JSON object", null, null);
        }
        JsonNode idNode = node.get("clientMsgId");
        String clientMsgId = idNode != null && idNode.isTextual() && idNode.textValue().length() <= ChatSend.MAX_CLIENT_MSG_ID
                ? idNode.textValue() : null;
        int type = typeOf(node.get("type"), clientMsgId);
        Class<? extends Frame> frameClass = accepted.get(type);
        if (frameClass == null) {
            throw new FrameDecodeException(ErrorCode.UNKNOWN_TYPE, "frame type " + type + " is not accepted",
                    clientMsgId, type);
        }
        try {
            return MAPPER.treeToValue(node, frameClass);
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new FrameDecodeException(ErrorCode.INVALID_FIELD, cause.getMessage(), clientMsgId, type);
        } catch (JsonMappingException e) {
            throw new FrameDecodeException(ErrorCode.INVALID_FIELD, describe(e), clientMsgId, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new FrameDecodeException(ErrorCode.INVALID_FIELD, "invalid frame: a field has the wrong type",
                    clientMsgId, type);
        }
    }

    private static int typeOf(JsonNode typeNode, String clientMsgId) throws FrameDecodeException {
        if (typeNode != null && typeNode.isIntegralNumber() && typeNode.canConvertToInt()) {
            return typeNode.intValue();
        }
        if (typeNode != null && typeNode.isTextual() && typeNode.textValue().matches("\\d{1,9}")) {
            return Integer.parseInt(typeNode.textValue());
        }
        throw new FrameDecodeException(ErrorCode.UNKNOWN_TYPE, "field 'type' must be a frame type number",
                clientMsgId, null);
    }

    private static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."));
        if (path.isEmpty()) {
            return "invalid frame: a field has the wrong type";
        }
        return "field '" + path + "' is missing or has the wrong type";
    }

    static JsonNode parseTree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                // content is passed on as given: decimals must not be squeezed through a double
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .nodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(40)
                .build());
        return mapper;
    }
}
