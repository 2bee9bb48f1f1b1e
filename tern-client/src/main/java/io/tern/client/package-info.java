/**
 * The Java SDK of Tern: log in over HTTP, hold one WebSocket, send messages and receive every message of
 * every conversation exactly once and in seq order, across disconnects, reconnects and other devices.
 *
 * <p>Start with {@link io.tern.client.TernClient#create(io.tern.client.ClientConfig)}. What the SDK
 * guarantees:
 * <ul>
 *   <li>Each client runs all of its work — frame handling, timers and every listener callback — on one
 *       thread of its own, so callbacks never overlap and see a consistent order. Callbacks must not
 *       block; a slow callback delays the whole client.</li>
 *   <li>The {@link io.tern.client.MessageListener} gets each message of a conversation once, in seq order,
 *       the messages this device sent included (those arrive as soon as the server accepts them). Gaps are
 *       pulled before later messages are handed over, duplicates are dropped, and delivered messages are
 *       acknowledged to the server.</li>
 *   <li>Sends are idempotent: a send the server has not answered when the connection drops is sent again
 *       with the same {@code clientMsgId} after reconnecting, and the server stores it once.</li>
 *   <li>The client reconnects by itself with jittered exponential backoff and catches up by cursor, unless
 *       the session was replaced by another login of the same device or logged out. In a cluster, when its
 *       node cannot be reached it asks the server for another at once ({@code POST /api/reconnect}, no password),
 *       and a node that is draining, rebalancing or stopping ({@code KICK "moved"} or {@code "shutdown"}) is left
 *       for another within 250 ms, without a backoff step.</li>
 * </ul>
 *
 * <p>Beyond messages: {@link io.tern.client.TernClient#sendToGroup} sends to a group,
 * {@link io.tern.client.TernClient#markRead} and {@link io.tern.client.TernClient#typing} send read receipts and
 * typing notices, which others get through an {@link io.tern.client.ActivityListener}, and
 * {@link io.tern.client.TernClient#directory()} looks up users, groups and the conversation list with unread
 * counts over the HTTP API.
 *
 * <p>The console client built on this SDK lives in {@code io.tern.client.cli}.
 *
 * <p>The cursors (conversation to last delivered seq) live in memory. An application that persists
 * {@link io.tern.client.TernClient#cursors()} and passes them back through
 * {@link io.tern.client.ClientConfig.Builder#cursors(java.util.Map)} resumes exactly where it stopped.
 */
package io.tern.client;
