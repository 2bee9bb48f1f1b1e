package io.tern.client.cli;

/** Reads the conversation ids of the protocol: {@code p:<a>:<b>} one-to-one, {@code g:<groupId>} groups. */
final class Conversations {
    private Conversations() {
    }

    /** The two user ids of a one-to-one conversation, or null for any other id. */
    static long[] directMembers(String conversationId) {
        String[] parts = conversationId.split(":");
        if (parts.length != 3 || !parts[0].equals("p")) {
            return null;
        }
        try {
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The other member of a one-to-one conversation, seen from {@code me}; -1 if it is not one. */
    static long peer(String conversationId, long me) {
        long[] members = directMembers(conversationId);
        if (members == null) {
            return -1;
        }
        return members[0] == me ? members[1] : members[0];
    }

    /** The group of a group conversation, or -1 if it is not one. */
    static long groupId(String conversationId) {
        if (!conversationId.startsWith("g:")) {
            return -1;
        }
        try {
            return Long.parseLong(conversationId.substring(2));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
