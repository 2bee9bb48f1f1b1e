/**
 * The Netty WebSocket client every load connection uses: one NIO event-loop group of two threads for all
 * connections (the JDK HttpClient's WebSocket costs threads and memory per socket and does not scale to
 * thousands), round-robin loopback source addresses against port exhaustion, writer-idle PINGs, and the
 * recognition of the per-process open-file limit.
 */
package io.tern.bench.net;
