package io.tern.bench.baseline;

import io.tern.bench.target.Endpoint;
import io.tern.bench.target.Target;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The relay as a load target: endpoints are numbered connections, nothing to register or log in. Either
 * the relay in this process ({@code baseline}) or a relay process started with {@code tern-bench relay}
 * and reached at its URL ({@code relay}). Ids of one run start at a random base, so a run never takes
 * over the connections of an earlier or concurrent run against the same relay process.
 */
public final class BaselineTarget implements Target {
    private final String name;
    private final String host;
    private final int port;
    private final boolean inProcess;
    private final AtomicLong nextId = new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 30) << 20);

    public BaselineTarget(RelayServer relay) {
        this("baseline", relay.host(), relay.port(), true);
    }

    private BaselineTarget(String name, String host, int port, boolean inProcess) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.inProcess = inProcess;
    }

    /** A relay process at {@code http://host:port} (or {@code ws://}); reported as "relay". */
    public static BaselineTarget external(URI relay) {
        if (relay.getHost() == null || relay.getPort() < 0) {
            throw new IllegalArgumentException("--relay needs host and port, e.g. http://127.0.0.1:9090");
        }
        return new BaselineTarget("relay", relay.getHost(), relay.getPort(), false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean serverInProcess() {
        return inProcess;
    }

    @Override
    public List<Endpoint> prepare(String role, int count, int devicesPerUser, PrintStream log) {
        List<Endpoint> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = nextId.getAndIncrement();
            out.add(new Endpoint(id, role + i, "relay", URI.create("ws://" + host + ":" + port + "/ws?id=" + id), null));
        }
        return out;
    }
}
