package io.tern.server.core.message;

/** Messages after a seq within the catch-up window: how many, how many content bytes, and the first seq. */
public record Backlog(long count, long bytes, long firstSeq) {
}
