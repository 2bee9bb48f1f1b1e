package io.tern.bench.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What {@code tern-bench suite} produced: its configuration, every run, the median and range of each
 * figure per scenario and target, the targets judged on those medians, and notes for the reader.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SuiteReport(String tool, String startedAt, String command, Map<String, Object> config,
                          List<SuiteMetric> metrics, List<TargetCheck> targets, List<SuiteRun> runs,
                          List<String> notes, boolean ok) {
}
