/**
 * Push providers, one small class per platform behind {@link io.tern.server.core.push.PushProvider}: a signed
 * webhook, FCM HTTP v1, APNs over HTTP/2 (pushy) and Web Push with VAPID. {@link PushProviders} builds the ones
 * the configuration turns on.
 */
package io.tern.server.push;
