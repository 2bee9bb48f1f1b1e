/**
 * Cluster tests with the real pieces: server nodes as separate processes (killed with SIGKILL), a real
 * Redis and PostgreSQL from Maven artifacts, SDK clients logging in through a load balancer.
 */
package io.tern.it;
