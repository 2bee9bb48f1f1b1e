/**
 * The Tern wire protocol: every frame as a record, the numeric frame type codes, the error codes, and
 * {@link io.tern.protocol.FrameCodec}, the one place JSON is turned into frames and back.
 *
 * <p>This module depends on Jackson only, so the server, the Java SDK and the benchmark share exactly the
 * same frame definitions. {@code docs/protocol.md} documents every frame with an example.
 */
package io.tern.protocol;
