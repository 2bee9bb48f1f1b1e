/**
 * Scheduled sends: a message kept in the store until its time (by the injected clock), then sent through the
 * ordinary send path with the clientMsgId it was scheduled with, so a send that is repeated after a crash is
 * stored once. Cancellable until it is being sent; survives restarts (docs/message-lifecycle.md).
 */
package io.tern.server.core.schedule;
