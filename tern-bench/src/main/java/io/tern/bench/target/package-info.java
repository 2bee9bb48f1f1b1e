/**
 * What the load runs against: a Tern server reached over its HTTP API (register, login, groups,
 * /metrics) or, in {@code baseline}, the bare relay. A {@link io.tern.bench.target.Target} turns "I need
 * N connections" into WebSocket URIs with whatever credentials they need.
 */
package io.tern.bench.target;
