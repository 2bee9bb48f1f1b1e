package io.tern.server.store;

import io.tern.server.config.TernConfig;
import io.tern.server.core.media.BlobStore;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2), keyed
 * {@code <prefix>blobs/ab/abcdef...} like the local layout. Uploads stream from the local scratch file with their
 * length known, so nothing is held in memory and no multipart bookkeeping is left behind; a range read is a ranged
 * GET. Checksums are sent and checked only where S3 requires them: several S3-compatible servers refuse the
 * trailing checksums the SDK would otherwise add. Objects are immutable, so a blob that exists is never rewritten.
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    private S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /** A client for the configured bucket; checks at once that the bucket answers, so a typo fails the start. */
    public static S3BlobStore open(TernConfig.S3 config) {
        S3ClientBuilder b = S3Client.builder()
                .httpClient(Apache5HttpClient.builder().connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60)).maxConnections(32).build())
                .region(Region.of(config.region()))
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(credentials(config));
        if (!config.endpoint().isEmpty()) {
            b.endpointOverride(URI.create(config.endpoint()));
        }
        S3Client s3 = b.build();
        try {
            s3.headBucket(r -> r.bucket(config.bucket()));
        } catch (SdkException e) {
            s3.close();
            throw new IllegalStateException("media.s3.bucket " + config.bucket() + " cannot be reached"
                    + (config.endpoint().isEmpty() ? "" : " at " + config.endpoint()) + ": " + e.getMessage(), e);
        }
        return new S3BlobStore(s3, config.bucket(), config.prefix());
    }

    private static AwsCredentialsProvider credentials(TernConfig.S3 config) {
        if (config.accessKeyId().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(),
                config.secretAccessKey()));
    }

    @Override
    public void put(String sha256, InputStream in, long length) throws IOException {
        if (exists(sha256)) {
            return;
        }
        try {
            s3.putObject(request(sha256, length), RequestBody.fromInputStream(in, length));
        } catch (SdkException e) {
            throw new IOException("cannot store blob " + sha256 + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putFile(String sha256, Path file) throws IOException {
        try {
            if (!exists(sha256)) {
                s3.putObject(request(sha256, Files.size(file)), RequestBody.fromFile(file));
            }
        } catch (SdkException e) {
            throw new IOException("cannot store blob " + sha256 + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
        Files.deleteIfExists(file);
    }

    private PutObjectRequest request(String sha256, long length) {
        return PutObjectRequest.builder().bucket(bucket).key(key(sha256)).contentLength(length)
                .contentType("application/octet-stream").build();
    }

    @Override
    public InputStream open(String sha256, long start, long length) throws IOException {
        if (length == 0) {
            return InputStream.nullInputStream();
        }
        try {
            ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key(sha256))
                    .range("bytes=" + start + "-" + (start + length - 1)));
            return new Ranged(in, length);
        } catch (SdkException e) {
            throw new IOException("cannot read blob " + sha256 + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean exists(String sha256) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(key(sha256)));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw new UncheckedIOException(new IOException("cannot look up blob " + sha256 + ": " + e.getMessage(), e));
        } catch (SdkException e) {
            throw new UncheckedIOException(new IOException("cannot look up blob " + sha256 + ": " + e.getMessage(), e));
        }
    }

    @Override
    public void delete(String sha256) throws IOException {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(key(sha256)));
        } catch (SdkException e) {
            throw new IOException("cannot delete blob " + sha256 + ": " + e.getMessage(), e);
        }
    }

    private String key(String sha256) {
        BlobStore.checked(sha256);
        return prefix + "blobs/" + sha256.substring(0, 2) + "/" + sha256;
    }

    @Override
    public void close() {
        s3.close();
    }

    /**
     * A ranged GET's body. Closing it before its end aborts the connection: the default close would read the rest
     * of the range just to reuse the connection, which for a download the client gave up on can be megabytes.
     */
    private static final class Ranged extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private long left;

        Ranged(ResponseInputStream<GetObjectResponse> response, long length) {
            super(response);
            this.response = response;
            this.left = length;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            if (left > 0) {
                response.abort();
            }
            super.close();
        }
    }
}
