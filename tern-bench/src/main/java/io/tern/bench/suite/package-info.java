/**
 * {@code tern-bench suite}: the standard set of runs of issue 12, each against a server process the suite
 * starts itself (Tern from its jar with a fresh data directory, or the bare relay from the bench's own
 * jar), pinned to the same cores when asked, over several rounds that alternate Tern and the relay; and
 * the medians, ranges and targets computed from them.
 */
package io.tern.bench.suite;
