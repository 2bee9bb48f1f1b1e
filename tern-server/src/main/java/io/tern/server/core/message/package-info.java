/**
 * Conversations and messages: sequence numbers, group commit, idempotent send, catch-up summaries, pages
 * and history. A message is stored once per conversation (read diffusion); each member has cursors.
 */
package io.tern.server.core.message;
