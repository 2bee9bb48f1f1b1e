/**
 * The HTTP side: the JSON API under {@code /api} (a route table, each route run off the I/O threads) and the
 * static web client. Errors are always {@code {"error":{"code","message"}}}.
 */
package io.tern.server.transport.http;
