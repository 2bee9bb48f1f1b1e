/**
 * Netty transport: {@link io.tern.server.transport.TernHttpServer} binds the port,
 * {@link io.tern.server.transport.TernInitializer} builds the one pipeline that serves the HTTP API, the web
 * client and WebSocket sessions. Handlers hold one concern each; the domain is reached only through the
 * objects passed to their constructors.
 */
package io.tern.server.transport;
