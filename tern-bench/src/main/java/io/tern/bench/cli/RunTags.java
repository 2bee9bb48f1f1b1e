package io.tern.bench.cli;

import java.security.SecureRandom;

/**
 * The run id: part of every clientMsgId and body of the run, so a rerun against the same users never hits
 * the server's idempotent-send dedup, and messages of older runs in the same conversation are told apart.
 */
public final class RunTags {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private RunTags() {
    }

    public static String next() {
        StringBuilder sb = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }
}
