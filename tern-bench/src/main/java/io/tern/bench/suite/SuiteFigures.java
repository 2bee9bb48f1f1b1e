package io.tern.bench.suite;

import io.tern.bench.report.ConnectResult;
import io.tern.bench.report.CpuUsage;
import io.tern.bench.report.LoadResult;
import io.tern.bench.report.SuiteMetric;
import io.tern.bench.report.SuiteRun;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The figures of a suite: for each scenario and target, the median and range of each metric over its rounds. */
public final class SuiteFigures {
    /** A metric: its name, unit and how to read it off one run (null: the run does not have it). */
    record Def(String name, String unit, Function<SuiteRun, Double> read) {
    }

    public static final String DELIVERED = "delivered/s";
    public static final String P99 = "latency p99";
    public static final String LAST_P99 = "latency p99 to the last member";
    public static final String HEAP = "server heap per connection";
    public static final String BAD = "missing + duplicates + out of order";

    private SuiteFigures() {
    }

    public static List<SuiteMetric> metrics(List<SuiteRun> runs) {
        List<SuiteMetric> out = new ArrayList<>();
        for (SuiteScenario sc : SuiteScenario.values()) {
            for (String target : List.of("tern", "relay")) {
                List<SuiteRun> these = runs.stream().filter(r -> r.round() > 0 && r.scenario().equals(sc.id)
                        && r.target().equals(target)).toList();
                if (these.isEmpty()) {
                    continue;
                }
                for (Def d : defs(sc)) {
                    out.add(SuiteMetric.of(sc.id, target, d.name(), d.unit(), these.stream().map(d.read()).toList()));
                }
            }
        }
        return out;
    }

    static List<Def> defs(SuiteScenario sc) {
        List<Def> d = new ArrayList<>();
        switch (sc) {
            case P2P_MAX -> {
                d.add(new Def(DELIVERED, "msgs/s", load(LoadResult::deliveredPerSecond)));
                d.add(new Def(P99, "ms", load(r -> r.latency().p99Us() / 1000.0)));
                d.add(new Def("accept latency p99", "ms", load(r -> r.acceptLatency().p99Us() / 1000.0)));
            }
            case P2P_OPEN -> {
                d.add(new Def(DELIVERED, "msgs/s", load(LoadResult::deliveredPerSecond)));
                d.add(new Def("latency p50", "ms", load(r -> r.latency().p50Us() / 1000.0)));
                d.add(new Def(P99, "ms", load(r -> r.latency().p99Us() / 1000.0)));
                d.add(new Def("latency p99.9", "ms", load(r -> r.latency().p999Us() / 1000.0)));
            }
            case GROUP_RATE, GROUP_MAX -> {
                d.add(new Def(DELIVERED, "deliveries/s", load(LoadResult::deliveredPerSecond)));
                d.add(new Def(LAST_P99, "ms", load(r -> r.latency().p99Us() / 1000.0)));
                d.add(new Def("latency p99 to each member", "ms", load(r -> r.memberLatency() == null ? null
                        : r.memberLatency().p99Us() / 1000.0)));
            }
            case CONNECT -> {
                d.add(new Def("connections opened", "", connect(c -> (double) c.opened())));
                d.add(new Def(HEAP, "KiB", connect(c -> c.heapPerConnectionBytes() == null ? null
                        : c.heapPerConnectionBytes() / 1024)));
                d.add(new Def("server heap in use per connection (/metrics)", "KiB", connect(c ->
                        c.heapInUsePerConnectionBytes() == null ? null : c.heapInUsePerConnectionBytes() / 1024)));
                d.add(new Def("server RSS per connection", "KiB", connect(c -> c.rssPerConnectionBytes() == null ? null
                        : c.rssPerConnectionBytes() / 1024)));
                d.add(new Def("connections opened per second", "/s", connect(ConnectResult::connectionsPerSecond)));
                return d;
            }
            default -> throw new IllegalStateException(sc.id);
        }
        d.add(new Def("generator CPU per message sent", "µs", cpu(CpuUsage::benchUsPerMessage)));
        if (sc == SuiteScenario.GROUP_RATE || sc == SuiteScenario.GROUP_MAX) {
            d.add(new Def("generator CPU per delivery", "µs", cpu(CpuUsage::benchUsPerDelivery)));
        }
        d.add(new Def("server CPU per message sent", "µs", cpu(CpuUsage::serverUsPerMessage)));
        d.add(new Def("server CPU", "cores", cpu(CpuUsage::server)));
        d.add(new Def("generator CPU", "cores", cpu(u -> u.bench())));
        d.add(new Def("other processes' CPU", "cores", cpu(CpuUsage::other)));
        d.add(new Def(BAD, "", load(r -> (double) (r.check().missing() + r.check().duplicates()
                + r.check().outOfOrder()))));
        return d;
    }

    private static Function<SuiteRun, Double> load(Function<LoadResult, Double> f) {
        return r -> r.load() == null ? null : f.apply(r.load());
    }

    private static Function<SuiteRun, Double> cpu(Function<CpuUsage, Double> f) {
        return r -> r.load() == null || r.load().cpu() == null ? null : f.apply(r.load().cpu());
    }

    private static Function<SuiteRun, Double> connect(Function<ConnectResult, Double> f) {
        return r -> r.connect() == null ? null : f.apply(r.connect());
    }
}
