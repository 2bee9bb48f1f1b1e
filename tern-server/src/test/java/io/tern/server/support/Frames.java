package io.tern.server.support;

/** JSON text of client frames, as a client would type them. */
public final class Frames {
    private Frames() {
    }

    public static String chat(String clientMsgId, long toId, String body) {
        return "{\"type\":80,\"clientMsgId\":\"" + clientMsgId + "\",\"toId\":" + toId
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}";
    }

    public static String groupChat(String clientMsgId, long groupId, String body) {
        return "{\"type\":80,\"clientMsgId\":\"" + clientMsgId + "\",\"groupId\":" + groupId
                + ",\"content\":{\"contentType\":1,\"body\":\"" + body + "\"}}";
    }
}
