/**
 * A model-based, black-box test of the delivery contract (DESIGN.md section 4, protocol.md sections 7 and 8):
 * random sequences of operations (send, resend, a reused clientMsgId, join, add, leave, remove, ack, read,
 * disconnect, reconnect with cursors, server restart, and concurrent bursts of group messages around a
 * membership change) drive a real server through real WebSocket and HTTP clients, and every observation is
 * checked against {@link io.tern.server.model.DeliveryModel}, a small model of who must receive what, in
 * which order. {@link io.tern.server.model.DeliveryModelTest} runs it (plain JUnit, a seeded Random, see
 * {@link io.tern.server.model.ModelRunner}); docs/testing.md tells how to run it longer and how to replay a
 * failing seed.
 */
package io.tern.server.model;
