package io.tern.bench.baseline;

import io.tern.bench.target.Endpoint;
import io.tern.bench.target.Target;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The relay as a load target: endpoints are numbered connections, nothing to register or log in. */
public final class BaselineTarget implements Target {
    private final RelayServer relay;
    private final AtomicLong nextId = new AtomicLong(1);

    public BaselineTarget(RelayServer relay) {
        this.relay = relay;
    }

    @Override
    public String name() {
        return "baseline";
    }

    @Override
    public boolean serverInProcess() {
        return true;
    }

    @Override
    public List<Endpoint> prepare(String role, int count, int devicesPerUser, PrintStream log) {
        List<Endpoint> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            long id = nextId.getAndIncrement();
            out.add(new Endpoint(id, role + i, "relay", relay.wsUri(id), null));
        }
        return out;
    }
}
