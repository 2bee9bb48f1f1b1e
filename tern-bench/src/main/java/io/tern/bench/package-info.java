/**
 * tern-bench: a load generator for a running Tern server, with a bare Netty relay as the baseline of what
 * this machine can do at all. {@link io.tern.bench.TernBench} is the command line; the scenarios live in
 * {@code load}, the reports in {@code report}.
 */
package io.tern.bench;
