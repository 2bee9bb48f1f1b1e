/** One handler per client frame type, registered in the dispatch table by the composition root. */
package io.tern.server.transport.ws.handlers;
