/**
 * The operator's commands: {@code tern-server admin …}, {@code backup} and {@code restore}. Against a running
 * server they call the admin HTTP API with an admin's token; against a stopped server's data directory they
 * take its lock (so never while a server runs on it) and work on the store directly. docs/operations.md.
 */
package io.tern.server.admin;
