package io.tern.bench.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The server readings the connect scenario compares: heap in use (sum of the heap pools), resident set
 * size, and Tern's connection gauge; null where the server did not report it. {@code gcForced} says
 * whether {@code jcmd <pid> GC.run} ran first, so that the heap figure is live data and not garbage.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSnapshot(boolean available, String note, Double heapUsedBytes, Double rssBytes, String rssSource,
                              Double connections, boolean gcForced, Map<String, Double> tern) {
}
