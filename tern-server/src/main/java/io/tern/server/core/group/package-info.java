/**
 * Groups: metadata, roles and mutes, and membership. Joins and leaves are sequenced: each is a system
 * message in the group's conversation, committed by the single writer, so a member's window of visible
 * seqs is exact.
 */
package io.tern.server.core.group;
