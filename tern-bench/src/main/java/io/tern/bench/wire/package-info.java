/**
 * The bytes the load generator puts on and takes off the wire. Server frames are read with a Jackson
 * streaming parser that picks out only the fields the bench needs; client frames are written with
 * {@link io.tern.protocol.FrameCodec}, except CHAT, which is filled into a template (see
 * {@link io.tern.bench.wire.ChatTemplate} for why). Tests check both against FrameCodec.
 */
package io.tern.bench.wire;
