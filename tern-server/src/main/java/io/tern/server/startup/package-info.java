/**
 * What a node checks before it touches the database: that no other server uses its data directory, that
 * the directory can be written, that the host resolves, the port is free and the TLS files load. Each
 * failure is one {@link io.tern.server.startup.StartupException} with the fix and a documented exit code,
 * so an operator reads one line instead of a stack trace (docs/operations.md lists them).
 */
package io.tern.server.startup;
