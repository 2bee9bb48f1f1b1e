/**
 * Online devices: the registry of sessions per user, and each session's outbox of pushed but not yet
 * acknowledged messages, with retry, backoff and the ack deadline. A session's outbox is only touched on
 * its connection's own executor, so it needs no locks.
 */
package io.tern.server.core.session;
