package io.tern.server.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.config.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForwardedChainTest {
    private final ForwardedChain chain = new ForwardedChain(List.of(Cidr.parse("127.0.0.1"), Cidr.parse("10.0.0.0/8")));

    private static InetAddress ip(String text) {
        return Cidr.literal(text);
    }

    @Test
    void untrustedPeer_headersIgnored() {
        assertThat(chain.client(ip("198.51.100.7"), List.of(), List.of("203.0.113.5"))).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void trustedPeer_rightmostUntrustedHopIsTheClient_forgedHopsLeftOfItIgnored() {
        assertThat(chain.client(ip("127.0.0.1"), List.of(), List.of("1.1.1.1, 203.0.113.5, 10.1.2.3")))
                .isEqualTo(ip("203.0.113.5"));
    }

    @Test
    void trustedPeer_forwardedWinsAndReadsBracketedIpv6WithPort() {
        assertThat(chain.client(ip("127.0.0.1"), List.of("for=\"[2001:db8::1]:4711\";proto=https"),
                List.of("203.0.113.5"))).isEqualTo(ip("2001:db8::1"));
        assertThat(chain.client(ip("127.0.0.1"), List.of("for=192.0.2.60:8080"), List.of())).isEqualTo(ip("192.0.2.60"));
    }

    @Test
    void trustedPeer_garbageOrHostNames_stopTheWalk() {
        assertThat(chain.client(ip("127.0.0.1"), List.of(), List.of("evil.example.com"))).isEqualTo(ip("127.0.0.1"));
        assertThat(chain.client(ip("127.0.0.1"), List.of(), List.of("999.1.1.1"))).isEqualTo(ip("127.0.0.1"));
        assertThat(chain.client(ip("127.0.0.1"), List.of("for=unknown"), List.of())).isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void cidrs_matchTheirBlockOnly() {
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("10.255.0.1"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("11.0.0.1"))).isFalse();
        assertThat(Cidr.parse("fd00::/8").contains(ip("fd12::1"))).isTrue();
        assertThat(Cidr.parse("fd00::/8").contains(ip("10.0.0.1"))).isFalse();
        assertThat(Cidr.literal("proxy.example.com")).isNull();
    }
}
