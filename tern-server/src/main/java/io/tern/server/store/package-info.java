/**
 * JDBC implementations of the store ports, one code path for SQLite (embedded default, WAL) and
 * PostgreSQL; the few dialect differences live in {@link io.tern.server.store.Dialect}, the schema in
 * versioned {@link io.tern.server.store.Migrations}.
 */
package io.tern.server.store;
