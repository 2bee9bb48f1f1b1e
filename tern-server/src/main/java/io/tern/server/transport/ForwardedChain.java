package io.tern.server.transport;

import io.tern.server.config.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the hops a request went through, nearest last, and walks them back from the peer: each hop a
 * trusted proxy added is believed, and the first address not in the trusted list is the client. Anything
 * left of it was written by the client itself and could say anything. {@code Forwarded} (RFC 7239) wins
 * over {@code X-Forwarded-For} when both are present.
 */
final class ForwardedChain {
    /** More hops than any real proxy chain: a longer header is not read further. */
    private static final int MAX_HOPS = 20;

    private final List<Cidr> trusted;

    ForwardedChain(List<Cidr> trusted) {
        this.trusted = List.copyOf(trusted);
    }

    InetAddress client(InetAddress peer, List<String> forwarded, List<String> xForwardedFor) {
        if (!isTrusted(peer)) {
            return peer;
        }
        List<String> hops = !forwarded.isEmpty() ? forwardedFor(forwarded) : split(xForwardedFor);
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0 && i >= hops.size() - MAX_HOPS; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                return client; // "unknown" or an obfuscated name: nothing further back can be trusted
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr cidr : trusted) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> split(List<String> headers) {
        List<String> out = new ArrayList<>();
        for (String header : headers) {
            for (String part : header.split(",")) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** The {@code for=} values of {@code Forwarded: for=192.0.2.60;proto=https, for="[2001:db8::1]:4711"}. */
    private static List<String> forwardedFor(List<String> headers) {
        List<String> out = new ArrayList<>();
        for (String element : split(headers)) {
            String value = "";
            for (String pair : element.split(";")) {
                String p = pair.trim();
                if (p.toLowerCase(Locale.ROOT).startsWith("for=")) {
                    value = p.substring(4).replace("\"", "");
                }
            }
            out.add(value);
        }
        return out;
    }

    /** An IP literal, with an IPv6 address in brackets and an optional port; null for anything else. */
    static InetAddress literal(String hop) {
        String h = hop.trim();
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            h = close < 0 ? "" : h.substring(1, close);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.contains(":")) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port
        }
        return Cidr.literal(h);
    }
}
