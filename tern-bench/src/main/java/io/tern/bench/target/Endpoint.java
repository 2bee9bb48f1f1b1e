package io.tern.bench.target;

import java.net.URI;

/**
 * One connection to open: the address other connections send to (a Tern user id, or the relay's
 * connection id), the WebSocket URI with its credentials, and the bearer token for HTTP calls (null for
 * the relay).
 */
public record Endpoint(long address, String username, String deviceId, URI wsUri, String token) {
}
