package io.tern.bench.suite;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The standard runs, in the order the suite runs them; the relay takes part where it can carry the load. */
public enum SuiteScenario {
    P2P_MAX("p2p-max", "p2p closed loop at maximum", true),
    P2P_OPEN("p2p-open", "p2p open loop at a quarter of the relay's maximum", true),
    GROUP_RATE("group-rate", "group open loop at a fixed rate", false),
    GROUP_MAX("group-max", "group closed loop at maximum", false),
    CONNECT("connect", "idle authenticated connections", false);

    public final String id;
    public final String title;
    /** Whether the relay runs it too (it has no users, groups or login: p2p only). */
    public final boolean withRelay;

    SuiteScenario(String id, String title, boolean withRelay) {
        this.id = id;
        this.title = title;
        this.withRelay = withRelay;
    }

    /**
     * The scenarios named in a comma-separated list, in suite order: ids, or {@code p2p} and {@code group}
     * for both of theirs; null or empty for all.
     */
    public static Set<SuiteScenario> parse(String only) {
        if (only == null || only.isBlank()) {
            return EnumSet.allOf(SuiteScenario.class);
        }
        Set<SuiteScenario> out = EnumSet.noneOf(SuiteScenario.class);
        for (String part : only.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            List<SuiteScenario> matched = new ArrayList<>();
            for (SuiteScenario s : values()) {
                if (s.id.equals(p) || s.id.startsWith(p + "-")) {
                    matched.add(s);
                }
            }
            if (matched.isEmpty()) {
                throw new IllegalArgumentException("--only: unknown scenario '" + part.trim() + "' (known: p2p, group, "
                        + String.join(", ", ids()) + ")");
            }
            out.addAll(matched);
        }
        return out;
    }

    static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (SuiteScenario s : values()) {
            ids.add(s.id);
        }
        return ids;
    }
}
