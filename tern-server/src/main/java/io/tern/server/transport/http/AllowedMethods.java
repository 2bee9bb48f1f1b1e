package io.tern.server.transport.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Which methods a known path answers, for {@code 405} with an {@code Allow} header: the route table plus the
 * streamed media endpoints that sit before it in the pipeline. Every path that answers GET answers HEAD too.
 * Consulted only on the error path, so a linear scan is fine.
 */
final class AllowedMethods {
    private record Entry(String method, Pattern pattern) {
    }

    private final List<Entry> entries = new ArrayList<>();

    AllowedMethods(List<ApiRoute> routes, List<String> streamed) {
        for (ApiRoute r : routes) {
            entries.add(new Entry(r.method(), r.pattern()));
        }
        for (String s : streamed) {
            String[] parts = s.split(" ", 2);
            entries.add(new Entry(parts[0], new ApiRoute(parts[0], parts[1], false, null).pattern()));
        }
    }

    /** The methods {@code path} answers, sorted; empty for a path nothing serves. */
    Set<String> forPath(String path) {
        Set<String> allowed = new TreeSet<>();
        for (Entry e : entries) {
            if (e.pattern().matcher(path).matches()) {
                allowed.add(e.method());
                if (e.method().equals("GET")) {
                    allowed.add("HEAD");
                }
            }
        }
        return allowed;
    }
}
