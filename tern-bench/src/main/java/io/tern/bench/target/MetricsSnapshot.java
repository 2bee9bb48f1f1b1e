package io.tern.bench.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * The server readings the connect scenario compares: heap in use (sum of the heap pools), resident set
 * size, and Tern's connection gauge; null where the server did not report it. {@code gcForced} says
 * whether a full GC ran first. {@code liveHeapBytes} is the total of {@code jcmd <pid> GC.class_histogram}
 * (taken after the full GC that command runs): only objects still reachable, where {@code heapUsedBytes}, read
 * from /metrics a moment later, also holds what the server allocated since the collection.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricsSnapshot(boolean available, String note, Double heapUsedBytes, Double liveHeapBytes,
                              Double rssBytes, String rssSource,
                              Double connections, boolean gcForced, Map<String, Double> tern) {
}
