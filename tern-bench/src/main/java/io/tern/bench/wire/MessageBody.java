package io.tern.bench.wire;

/**
 * The text of every bench message: {@code <tag>.<sender>.<msg>.<intendedMicros>.<sentMicros>}. The run tag
 * tells this run's messages from older ones in the same conversation; sender and message index let the
 * receiver check loss, duplicates and order; the two times (microseconds since the run's origin) give
 * latency from the intended send time (open loop) or from the actual send (closed loop).
 * The parsing side is a mutable holder, reused per thread.
 */
public final class MessageBody {
    public int sender;
    public long msg;
    public long intendedMicros;
    public long sentMicros;

    public static String encode(String tag, int sender, long msg, long intendedMicros, long sentMicros) {
        return new StringBuilder(tag.length() + 40).append(tag).append('.').append(sender).append('.').append(msg)
                .append('.').append(intendedMicros).append('.').append(sentMicros).toString();
    }

    /** The clientMsgId of a message: unique per run, sender and message; its index is recovered by {@link #msgOf}. */
    public static String clientMsgId(String tag, int sender, long msg) {
        return new StringBuilder(tag.length() + 20).append(tag).append('.').append(sender).append('.').append(msg)
                .toString();
    }

    /** The message index of a clientMsgId made by {@link #clientMsgId}; -1 if it is not one. */
    public static long msgOf(String clientMsgId) {
        if (clientMsgId == null) {
            return -1;
        }
        int dot = clientMsgId.lastIndexOf('.');
        return dot < 0 ? -1 : parse(clientMsgId, dot + 1, clientMsgId.length());
    }

    /** Reads {@code text}; false if it is not a body of the run with this tag. */
    public boolean parse(String text, String tag) {
        if (text == null || !text.startsWith(tag) || text.length() <= tag.length() || text.charAt(tag.length()) != '.') {
            return false;
        }
        int a = tag.length() + 1;
        int b = text.indexOf('.', a);
        int c = b < 0 ? -1 : text.indexOf('.', b + 1);
        int d = c < 0 ? -1 : text.indexOf('.', c + 1);
        if (d < 0) {
            return false;
        }
        long s = parse(text, a, b);
        msg = parse(text, b + 1, c);
        intendedMicros = parse(text, c + 1, d);
        sentMicros = parse(text, d + 1, text.length());
        sender = (int) s;
        return s >= 0 && msg >= 0 && intendedMicros >= 0 && sentMicros >= 0;
    }

    private static long parse(String s, int from, int to) {
        if (from >= to) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }
}
