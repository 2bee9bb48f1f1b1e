/**
 * The WebSocket side of the pipeline: token check at the handshake, frame codec, heartbeat, session
 * lifecycle, and the dispatch table with one {@link io.tern.server.transport.ws.FrameHandler} per frame type.
 */
package io.tern.server.transport.ws;
