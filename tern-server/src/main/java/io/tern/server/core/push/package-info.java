/**
 * Offline push notifications: which devices are registered, which committed messages become a notification
 * (the worker tails the message log by its own cursor), the user's settings, and the port to the providers.
 * Knows neither JDBC nor Netty; docs/push.md describes the behaviour.
 */
package io.tern.server.core.push;
