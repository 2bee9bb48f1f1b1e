package io.tern.server.core.limit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnownAddressesTest {
    @Test
    void keepsTheMostRecentAddressesPerUser_andForgetsTheOldest() {
        KnownAddresses known = new KnownAddresses(10, 3);
        known.remember("bob", "a");
        known.remember("bob", "b");
        known.remember("bob", "c");
        known.remember("bob", "a"); // used again: now the most recent, so b is the oldest
        known.remember("bob", "d");
        assertThat(known.contains("bob", "a")).isTrue();
        assertThat(known.contains("bob", "b")).isFalse();
        assertThat(known.contains("bob", "c")).isTrue();
        assertThat(known.contains("bob", "d")).isTrue();
        assertThat(known.contains("alice", "a")).isFalse();
    }

    @Test
    void rememberingTheLatestAddressAgain_changesNothing() {
        KnownAddresses known = new KnownAddresses(10, 2);
        known.remember("bob", "a");
        known.remember("bob", "b");
        known.remember("bob", "b");
        known.remember("bob", "c"); // a is the oldest
        assertThat(known.contains("bob", "a")).isFalse();
        assertThat(known.contains("bob", "b")).isTrue();
        assertThat(known.contains("bob", "c")).isTrue();
    }

    @Test
    void leastRecentlyUsedUsers_areForgotten() {
        KnownAddresses known = new KnownAddresses(2, 8);
        known.remember("ann", "a");
        known.remember("bob", "b");
        assertThat(known.contains("ann", "a")).isTrue(); // ann used: bob is now the least recent
        known.remember("cat", "c");
        assertThat(known.contains("bob", "b")).isFalse();
        assertThat(known.contains("ann", "a")).isTrue();
        assertThat(known.contains("cat", "c")).isTrue();
    }
}
