/**
 * The baseline: a bare Netty WebSocket relay with no auth, no store and no delivery bookkeeping, run as a
 * process of its own ({@code tern-bench relay}, as the suite starts it) or, for a quick look, inside the
 * bench process, and driven by exactly the same p2p load code. It answers each CHAT at once with a
 * CHAT_RESP-shaped frame and forwards a CHAT-shaped push to the addressed connection, so its throughput
 * and latency are this machine's raw limit for the same traffic, and Tern is reported as a ratio of it.
 */
package io.tern.bench.baseline;
