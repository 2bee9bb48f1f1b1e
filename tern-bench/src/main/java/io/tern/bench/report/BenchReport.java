package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * Everything one invocation of the tool produced: its configuration, the load runs (Tern and, if asked
 * for, the baseline), the comparison, or the connect result, and notes for the reader (slow logins,
 * the open-file limit, what was not available).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchReport(
        String tool,
        String scenario,
        String startedAt,
        String command,
        Map<String, Object> config,
        List<LoadResult> runs,
        Comparison comparison,
        ConnectResult connect,
        List<String> notes,
        boolean ok) {

    public LoadResult run(String target) {
        return runs == null ? null : runs.stream().filter(r -> r.target().equals(target)).findFirst().orElse(null);
    }
}
