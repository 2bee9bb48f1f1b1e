package io.tern.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The media.storage / media.s3.* / media.linkKey keys: validated at start, secrets never logged. */
class MediaStorageConfigTest {
    private static final Map<String, String> S3 = Map.of("media.storage", "s3", "media.s3.bucket", "photos",
            "media.s3.endpoint", "http://127.0.0.1:9000", "media.s3.accessKeyId", "AKIDTERN",
            "media.s3.secretAccessKey", "very-secret-value", "media.s3.pathStyle", "true",
            "media.linkKey", "MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDU2Nzg5MDE=");

    @Test
    void localIsTheDefaultAndS3IsReadWhenAskedFor() {
        assertThat(ConfigLoader.load(null, Map.of(), Map.of()).media().s3()).isNull();
        TernConfig.S3 s3 = ConfigLoader.load(null, Map.of(), S3).media().s3();
        assertThat(s3).isEqualTo(new TernConfig.S3("http://127.0.0.1:9000", "us-east-1", "photos", "", "AKIDTERN",
                "very-secret-value", true));
    }

    @Test
    void secretAndLinkKeyAreMaskedInTheLoggedConfiguration() {
        Logger logger = (Logger) LoggerFactory.getLogger(ConfigLoader.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            TernConfig config = ConfigLoader.load(null, Map.of(), S3);
            String logged = appender.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.startsWith("effective configuration")).findFirst().orElseThrow();
            assertThat(logged).contains("media.s3.secretAccessKey=****", "media.linkKey=****",
                    "media.s3.accessKeyId=AKIDTERN", "media.s3.bucket=photos")
                    .doesNotContain("very-secret-value", "MDEyMzQ1");
            assertThat(config.media().toString()).doesNotContain("very-secret-value", "MDEyMzQ1");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void badStorageSettingsAreRefusedAtStartNamingTheKey() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.storage", "S3")))
                .hasMessageContaining("media.s3.bucket must name an existing bucket");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.storage", "S3",
                "media.s3.bucket", "photos", "media.s3.accessKeyId", "AKID")))
                .hasMessageContaining("media.s3.accessKeyId and media.s3.secretAccessKey must be given together");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.storage", "S3",
                "media.s3.bucket", "photos", "media.s3.endpoint", "127.0.0.1:9000")))
                .hasMessageContaining("media.s3.endpoint must be an http:// or https:// URL");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.storage", "ftp")))
                .hasMessageContaining("media.storage must be one of [LOCAL, S3]");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.storage", "S3",
                "media.s3.bucket", "photos", "media.maxFileBytes", String.valueOf(6L << 30))))
                .hasMessageContaining("media.maxFileBytes may be at most 5368709120 (5 GiB) with media.storage=S3");
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("media.linkKey", "c2hvcnQ=")))
                .hasMessageContaining("media.linkKey must be base64 of at least 32 bytes");
    }
}
