package io.tern.server.support;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server on a free loopback port: s3proxy (Jetty speaking the S3 REST protocol with AWS v4
 * signatures) over an in-memory jclouds store. The client under test talks HTTP to it exactly as to AWS or MinIO.
 */
public final class S3ForTests implements AutoCloseable {
    public static final String BUCKET = "tern-media";
    public static final String ACCESS_KEY = "tern-test-access";
    public static final String SECRET_KEY = "tern-test-secret-0123456789";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private S3ForTests(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    public static S3ForTests start() throws Exception {
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("local", "local")
                .build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> proxy.getState().equals("STARTED"));
        return new S3ForTests(context, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The server settings that put media blobs in this bucket. */
    public Map<String, String> mediaOverrides() {
        return Map.of("media.storage", "S3", "media.s3.endpoint", endpoint(), "media.s3.bucket", BUCKET,
                "media.s3.accessKeyId", ACCESS_KEY, "media.s3.secretAccessKey", SECRET_KEY, "media.s3.pathStyle", "true",
                "media.s3.region", "us-east-1");
    }

    /** Whether the bucket holds the object, asked of the store behind the S3 server, not through the client under test. */
    public boolean holds(String key) {
        return context.getBlobStore().blobExists(BUCKET, key);
    }

    public long objectCount() {
        return context.getBlobStore().countBlobs(BUCKET);
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
