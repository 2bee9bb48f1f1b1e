package io.tern.server.core.push;

/** A provider's answer to one send. */
public enum PushResult {
    /** Accepted by the provider. */
    SENT,
    /** A temporary failure (5xx, 429, network): try again later. */
    RETRY,
    /** The token is gone for good (FCM UNREGISTERED, APNs 410, Web Push 404/410): the device is removed. */
    DEAD,
    /** Refused for a reason a retry will not cure (a malformed request): dropped. */
    REJECTED
}
