package io.tern.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tern.bench.cli.DurationConverter;
import io.tern.bench.net.OpenFiles;
import io.tern.bench.report.DeliveryCheck;
import io.tern.bench.report.LatencySummary;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Small parts: durations, percentiles, the check's verdict, recognising the open-file limit. */
class ReportPartsTest {
    @Test
    void durations() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("20s")).isEqualTo(Duration.ofSeconds(20));
        assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(DurationConverter.parse("7")).isEqualTo(Duration.ofSeconds(7));
        assertThat(DurationConverter.parse("PT3S")).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> DurationConverter.parse("soon")).isInstanceOf(CommandLine.TypeConversionException.class);
    }

    @Test
    void latencySummaryAndCurve() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 10_000; i++) {
            h.recordValue(i);
        }
        LatencySummary s = LatencySummary.of(h);
        assertThat(s.count()).isEqualTo(10_000);
        assertThat(s.p50Us()).isBetween(4990L, 5010L);
        assertThat(s.p99Us()).isBetween(9890L, 9910L);
        assertThat(s.maxUs()).isBetween(9990L, 10_010L);
        assertThat(s.curve()).isNotEmpty();
        assertThat(s.curve().get(s.curve().size() - 1).percentile()).isEqualTo(100.0);
        assertThat(LatencySummary.of(new Histogram(3)).count()).isZero();
    }

    @Test
    void checkFailsOnAnyLossDuplicateOrReordering() {
        assertThat(new DeliveryCheck(10, 10, 0, 0, 0, 0, 0, 3, 2).ok()).isTrue();
        assertThat(new DeliveryCheck(10, 9, 1, 0, 0, 0, 0, 0, 0).ok()).isFalse();
        assertThat(new DeliveryCheck(10, 10, 0, 1, 0, 0, 0, 0, 0).ok()).isFalse();
        assertThat(new DeliveryCheck(10, 10, 0, 0, 1, 0, 0, 0, 0).ok()).isFalse();
        assertThat(new DeliveryCheck(10, 10, 0, 0, 0, 1, 0, 0, 0).ok()).isFalse();
    }

    @Test
    void recognisesTheOpenFileLimitInNettysCauseChain() {
        Exception netty = new io.netty.channel.ChannelException("Failed to open a socket.",
                new SocketException("Too many open files"));
        assertThat(OpenFiles.isLimit(netty)).isTrue();
        assertThat(OpenFiles.isLimit(new IOException("Connection refused"))).isFalse();
        assertThat(OpenFiles.advice("connect", 40_000, 19_000, "--server http://127.0.0.1:8080"))
                .contains("OPEN-FILE LIMIT HIT").contains("ulimit -n").contains("several bench processes")
                .contains("for i in $(seq 1 ").contains("--user-prefix bench-p$i");
    }
}
