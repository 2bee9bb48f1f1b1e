package io.tern.bench.load;

import io.tern.bench.net.Connector;
import io.tern.bench.net.OpenFiles;
import io.tern.bench.net.WsClient;
import io.tern.bench.target.Endpoint;
import io.tern.bench.target.ServerAdvice;
import io.tern.bench.target.SetupFailure;
import java.io.PrintStream;
import java.util.List;

/** Opens the connections of a load scenario, which needs every one of them, or explains why it cannot. */
final class Connections {
    private Connections() {
    }

    static Connector.Result openAll(WsClient client, List<Endpoint> endpoints, List<Peer> peers, ClientSettings cs,
                                    String scenario, PrintStream out) throws InterruptedException {
        if (endpoints.size() > Connector.budget()) {
            throw new SetupFailure(OpenFiles.advice(scenario, endpoints.size(), 0, cs.exampleArgs()));
        }
        Connector.Result r = Connector.open(client, endpoints.stream().map(Endpoint::wsUri).toList(), peers::get,
                cs.connectConcurrency(), Integer.MAX_VALUE, null);
        if (r.opened() < endpoints.size()) {
            String why = r.openFileLimitHit() ? OpenFiles.advice(scenario, endpoints.size(), r.opened(), cs.exampleArgs())
                    : r.portsExhausted() ? "out of local ports: use --source-addresses 4 (or more)"
                    : ServerAdvice.forConnectFailures(r.failures()) != null ? ServerAdvice.forConnectFailures(r.failures())
                    : "see the failures";
            throw new SetupFailure("only " + r.opened() + " of " + endpoints.size() + " connections opened "
                    + r.failures() + "; " + why);
        }
        if (out != null) {
            out.printf("  %d connections open in %.1f s%n", r.opened(), r.seconds());
        }
        return r;
    }
}
