package io.tern.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The content types of change events (docs/message-lifecycle.md): a change to a message is itself a message in
 * the same conversation, with its own seq, whose content names the changed message by {@code target} (its
 * msgId). They are sent like any message (CHAT or {@code POST /api/messages}); the server decides them inside
 * its commit. {@link #RECALLED} is written only by the server: the content a recalled message is left with.
 */
public final class MessageChanges {
    /** {@code {"contentType":20,"target":msgId,"body":"new text"}}: the author replaces a text message's body. */
    public static final int EDIT = 20;
    /** {@code {"contentType":21,"target":msgId}}: the message becomes a tombstone for everyone. */
    public static final int RECALL = 21;
    /** {@code {"contentType":22,"target":msgId,"emoji":"👍","remove":false}}: adds (or removes) one reaction. */
    public static final int REACTION = 22;
    /** {@code {"contentType":23,"target":msgId}}: delete for me; only the sender's devices see it. */
    public static final int HIDE = 23;
    /** The content of a recalled message: {@code {"contentType":120}}, nothing else. */
    public static final int RECALLED = 120;

    private MessageChanges() {
    }

    public static RawJson edit(String target, String body) {
        return new RawJson(event(EDIT, target).put("body", body).toString());
    }

    public static RawJson recall(String target) {
        return new RawJson(event(RECALL, target).toString());
    }

    public static RawJson hide(String target) {
        return new RawJson(event(HIDE, target).toString());
    }

    public static RawJson reaction(String target, String emoji, boolean remove) {
        ObjectNode event = event(REACTION, target).put("emoji", emoji);
        if (remove) {
            event.put("remove", true);
        }
        return new RawJson(event.toString());
    }

    private static ObjectNode event(int type, String target) {
        return FrameCodec.mapper().createObjectNode().put("contentType", type).put("target", target);
    }
}
