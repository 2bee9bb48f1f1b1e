package io.tern.protocol;

/**
 * Numeric frame type codes. The codes of the original WebSocket IM design (10/11, 30, 40/41, 80/81,
 * 90/91, 0) are kept; the rest are Tern's additions, listed in docs/protocol.md.
 */
public final class FrameType {
    public static final int UNKNOWN = 0;
    public static final int USER_LOGIN = 10;
    public static final int USER_LOGIN_RESP = 11;
    public static final int KICK = 12;
    public static final int HEARTBEAT_TIMEOUT = 30;
    public static final int PING = 40;
    public static final int PONG = 41;
    public static final int CHAT = 80;
    public static final int CHAT_RESP = 81;
    public static final int ACK = 90;
    public static final int ACK_RESP = 91;
    public static final int ERROR = 99;
    public static final int SYNC = 100;
    public static final int SYNC_RESP = 101;
    public static final int PULL = 102;
    public static final int PULL_RESP = 103;
    public static final int SYNC_HINT = 104;
    public static final int READ = 110;
    public static final int READ_NOTIFY = 111;
    public static final int TYPING = 120;
    public static final int TYPING_NOTIFY = 121;
    /** 130 is kept free for a client-to-server presence frame, after the xx0 / xx1 pattern of READ and TYPING. */
    public static final int PRESENCE_NOTIFY = 131;

    private FrameType() {
    }
}
