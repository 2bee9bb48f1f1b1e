package io.tern.server.core.push;

import io.tern.server.core.message.ConversationIds;
import io.tern.server.core.message.Message;

/** Builds the notification of a job: sender and text of the newest message, or a generic one without preview. */
final class Notifications {
    static final String GENERIC_TITLE = "Tern";
    static final String GENERIC_BODY = "New message";
    private static final int MAX_BODY_CHARS = 200;

    private final PushStore store;

    Notifications(PushStore store) {
        this.store = store;
    }

    Notification build(PushDevice device, PushJob job, long seq, PushSettings settings) {
        long badge = store.unread(device.userId());
        String id = device.id() + ":" + job.conversationId() + ":" + seq;
        int count = Math.max(1, job.messages());
        if (!settings.preview()) {
            String body = count > 1 ? count + " new messages" : GENERIC_BODY;
            return new Notification(id, job.conversationId(), job.conversationId(), seq, 0, GENERIC_TITLE, body, count,
                    badge, false);
        }
        Message last = store.message(job.conversationId(), seq).orElse(null);
        long sender = last == null ? 0 : last.fromId();
        String title = store.username(sender).orElse(GENERIC_TITLE);
        if (ConversationIds.groupId(job.conversationId()) != null) {
            title = title + " in " + store.groupName(job.conversationId()).orElse("a group");
        }
        String text = last == null ? null : PushContent.parse(last.content()).text();
        String body = text == null ? GENERIC_BODY : shorten(text);
        if (count > 1) {
            body = body + " (+" + (count - 1) + " more)";
        }
        return new Notification(id, job.conversationId(), job.conversationId(), seq, sender, title, body, count, badge,
                true);
    }

    private static String shorten(String text) {
        if (text.length() <= MAX_BODY_CHARS) {
            return text;
        }
        int end = MAX_BODY_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }
}
