package io.tern.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.tern.server.support.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docs/ops/tern-alerts.yml is valid for promtool (Debian package prometheus; skipped without it), and every
 * tern_ metric it or the Grafana dashboard (docs/ops/tern-dashboard.json) names is one a server really
 * exports, so renaming a metric cannot silently blind an alert or a panel.
 */
class AlertRulesTest {
    private static final Path RULES = Path.of("..", "docs", "ops", "tern-alerts.yml");
    private static final Path DASHBOARD = Path.of("..", "docs", "ops", "tern-dashboard.json");
    private static final Pattern METRIC = Pattern.compile("\\b(tern_[a-z_]+)");

    @Test
    void everyTernMetricInTheAlertRules_isExported() throws Exception {
        String rules = Files.readString(RULES);
        try (TestServer server = TestServer.start(Map.of())) {
            server.user("alice"); // some traffic, so that counters with labels exist
            String scrape = io.tern.server.support.Scrape.metrics(server.port());
            Matcher m = METRIC.matcher(rules);
            int found = 0;
            while (m.find()) {
                assertThat(scrape).as("metric %s of the alert rules", m.group(1)).contains(m.group(1));
                found++;
            }
            assertThat(found).isGreaterThan(5);
        }
    }

    @Test
    void everyTernMetricOfTheGrafanaDashboard_isExported() throws Exception {
        com.fasterxml.jackson.databind.JsonNode dashboard = io.tern.protocol.FrameCodec.mapper().readTree(
                Files.readString(DASHBOARD));
        assertThat(dashboard.get("panels")).hasSizeGreaterThan(5);
        try (TestServer server = TestServer.start(Map.of())) {
            String scrape = io.tern.server.support.Scrape.metrics(server.port());
            for (com.fasterxml.jackson.databind.JsonNode panel : dashboard.get("panels")) {
                for (com.fasterxml.jackson.databind.JsonNode target : panel.get("targets")) {
                    Matcher m = METRIC.matcher(target.get("expr").asText());
                    while (m.find()) {
                        assertThat(scrape).as("metric %s of panel %s", m.group(1), panel.get("title")).contains(m.group(1));
                    }
                }
            }
        }
    }

    @Test
    void alertRules_passPromtool() throws Exception {
        Path promtool = Path.of("/usr/bin/promtool");
        Assumptions.assumeTrue(Files.isExecutable(promtool), "promtool is not installed (apt-get install prometheus)");
        Process p = new ProcessBuilder(promtool.toString(), "check", "rules", RULES.toString()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
    }
}
