package io.tern.bench.wire;

/**
 * The fields of a server frame that the bench reads, in one mutable holder reused for every frame of a
 * thread: at tens of thousands of frames per second a record per frame would be garbage the server's
 * two cores also pay for. Absent numbers are -1, absent strings null.
 */
public final class ServerFrame {
    public int type;
    public String clientMsgId;
    public String conversationId;
    public long seq;
    public long fromId;
    /** ERROR: the error number and name; KICK: the reason. */
    public int code;
    public String error;
    public String message;
    public int refType;
    public String reason;
    /** CHAT push: {@code content.body}, where the bench keeps its message body. */
    public String text;

    void reset() {
        type = -1;
        clientMsgId = null;
        conversationId = null;
        seq = -1;
        fromId = -1;
        code = -1;
        error = null;
        message = null;
        refType = -1;
        reason = null;
        text = null;
    }
}
