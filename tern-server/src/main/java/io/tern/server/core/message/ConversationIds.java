package io.tern.server.core.message;

/** Conversation ids: {@code p:a:b} for the one-to-one conversation of users a &lt;= b, {@code g:id} for a group. */
public final class ConversationIds {
    private ConversationIds() {
    }

    public static String direct(long userA, long userB) {
        return "p:" + Math.min(userA, userB) + ":" + Math.max(userA, userB);
    }

    /** The two user ids of a one-to-one conversation id, or null if the id is not one. */
    public static long[] directMembers(String conversationId) {
        if (conversationId == null || !conversationId.startsWith("p:")) {
            return null;
        }
        int colon = conversationId.indexOf(':', 2);
        if (colon < 0) {
            return null;
        }
        try {
            long a = Long.parseLong(conversationId.substring(2, colon));
            long b = Long.parseLong(conversationId.substring(colon + 1));
            return a <= b && a > 0 ? new long[] {a, b} : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static String group(long groupId) {
        return "g:" + groupId;
    }

    /** The group id of a group conversation id, or null if the id is not one. */
    public static Long groupId(String conversationId) {
        if (conversationId == null || !conversationId.startsWith("g:")) {
            return null;
        }
        try {
            long id = Long.parseLong(conversationId.substring(2));
            return id > 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
