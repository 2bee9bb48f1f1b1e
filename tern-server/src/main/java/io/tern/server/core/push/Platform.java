package io.tern.server.core.push;

import java.util.Locale;

/** Where a device's notifications go; the wire name is the lower-case constant. */
public enum Platform {
    WEBPUSH, FCM, APNS, WEBHOOK;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The platform of a wire name, or null if there is none. */
    public static Platform parse(String name) {
        for (Platform p : values()) {
            if (p.wireName().equals(name)) {
                return p;
            }
        }
        return null;
    }
}
