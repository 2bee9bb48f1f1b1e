package io.tern.bench.report;

/**
 * One target of issue 12 judged on the suite's medians: what is required, what was measured, and
 * whether it is met ({@code pass} null: the scenario it needs did not run).
 */
public record TargetCheck(String target, String requirement, String measured, Boolean pass) {
    public String verdict() {
        return pass == null ? "not run" : pass ? "PASS" : "FAIL";
    }
}
