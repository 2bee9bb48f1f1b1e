/**
 * Message kinds: the extension point for messages that change other messages (edit, recall, reaction). A kind
 * is one class implementing {@link io.tern.server.core.message.kind.MessageKind}, registered in
 * {@link io.tern.server.core.message.kind.MessageKinds}; the send path, the commit, history, unread counts and
 * the clients need nothing else (docs/message-lifecycle.md).
 */
package io.tern.server.core.message.kind;
