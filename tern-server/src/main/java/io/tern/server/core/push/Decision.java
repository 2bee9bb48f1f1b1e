package io.tern.server.core.push;

/** What to do with a due job; every outcome but SEND closes the burst without a notification. */
enum Decision {
    SEND,
    /** The user read the conversation past the burst (on any device). */
    READ,
    /** This device is online and the messages were acknowledged. */
    DELIVERED,
    /** Do-not-disturb is on. */
    DND,
    /** The conversation is muted and the burst does not mention the user in a group. */
    MUTED,
    /** No provider is configured for the device's platform. */
    NO_PROVIDER;

    /** Decides, most final reason first. */
    static Decision of(PushJob job, boolean group, long readSeq, long deliveredSeq, boolean deviceOnline,
                       PushSettings settings, Mute mute, long now, boolean providerConfigured) {
        if (readSeq >= job.uptoSeq()) {
            return READ;
        }
        if (deviceOnline && deliveredSeq >= job.uptoSeq()) {
            return DELIVERED;
        }
        if (settings.dndActive(now)) {
            return DND;
        }
        if (mute != null && mute.activeAt(now) && !(group && job.mentioned())) {
            return MUTED;
        }
        return providerConfigured ? SEND : NO_PROVIDER;
    }
}
