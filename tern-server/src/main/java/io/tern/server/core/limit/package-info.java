/**
 * Abuse limits: token-bucket rate limits per user and per address, and the growing back-off after failed
 * logins. Time comes from an injected clock, so tests move it instead of waiting.
 */
package io.tern.server.core.limit;
