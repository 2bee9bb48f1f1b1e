package io.tern.server.core.push;

/**
 * A registered push target of one login (user and deviceId). {@code token} is the FCM registration token, the
 * APNs device token, the Web Push endpoint URL or the webhook URL; {@code p256dh} and {@code auth} are the Web
 * Push subscription keys (null for other platforms). {@code tokenHash} ties it to the login: when that login
 * token is revoked or expires, the device is removed.
 */
public record PushDevice(long id, long userId, String deviceId, String tokenHash, Platform platform, String token,
                         String p256dh, String auth, String locale, long createdAt) {

    @Override
    public String toString() {
        return "push device " + id + " (" + platform.wireName() + ") of user " + userId;
    }
}
