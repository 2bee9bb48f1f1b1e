package io.tern.bench.report;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Writes {@code <scenario>-<timestamp>.json} and {@code .html} into the output directory. */
public final class ReportFiles {
    /** The two files written. */
    public record Written(Path json, Path html) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private ReportFiles() {
    }

    public static Written write(BenchReport report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        String base = report.scenario() + "-" + LocalDateTime.now().format(STAMP);
        Path json = outDir.resolve(base + ".json");
        Path html = outDir.resolve(base + ".html");
        JSON.writeValue(json.toFile(), report);
        Files.writeString(html, HtmlReport.render(report), StandardCharsets.UTF_8);
        return new Written(json, html);
    }

    /** Writes {@code suite-<timestamp>.json} and {@code .html}. */
    public static Written write(SuiteReport report, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        String base = "suite-" + LocalDateTime.now().format(STAMP);
        Path json = outDir.resolve(base + ".json");
        Path html = outDir.resolve(base + ".html");
        JSON.writeValue(json.toFile(), report);
        Files.writeString(html, SuiteHtml.render(report), StandardCharsets.UTF_8);
        return new Written(json, html);
    }

    /** Reads a suite's JSON report back (tests, tooling). */
    public static SuiteReport readSuite(Path json) throws IOException {
        return JSON.readValue(json.toFile(), SuiteReport.class);
    }

    /** Reads a JSON report back (tests, tooling). */
    public static BenchReport read(Path json) throws IOException {
        return JSON.readValue(json.toFile(), BenchReport.class);
    }
}
