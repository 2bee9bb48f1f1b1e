package io.tern.bench.net;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Local addresses to bind client sockets to, round-robin over 127.0.0.2 .. 127.0.0.(N+1). Each source
 * address has its own ~28,000 ephemeral ports towards the server's one port, so many addresses keep
 * large or repeated runs (with sockets in TIME_WAIT) from running out. With N = 1 sockets are not bound
 * and the kernel picks the source.
 */
public final class SourceAddresses {
    private final InetSocketAddress[] addresses;
    private final AtomicInteger next = new AtomicInteger();

    public SourceAddresses(int count) {
        if (count < 1 || count > 250) {
            throw new IllegalArgumentException("--source-addresses must be 1..250");
        }
        if (count == 1) {
            addresses = new InetSocketAddress[0];
            return;
        }
        addresses = new InetSocketAddress[count];
        for (int i = 0; i < count; i++) {
            try {
                addresses[i] = new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}), 0);
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The address for the next socket, or null to let the kernel choose. */
    public InetSocketAddress next() {
        if (addresses.length == 0) {
            return null;
        }
        return addresses[Math.floorMod(next.getAndIncrement(), addresses.length)];
    }

    public int count() {
        return Math.max(1, addresses.length);
    }
}
