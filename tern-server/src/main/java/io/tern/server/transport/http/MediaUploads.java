package io.tern.server.transport.http;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import io.tern.server.core.TernMetrics;
import io.tern.server.core.account.AccountsManager;
import io.tern.server.core.media.MediaService;
import io.tern.server.core.media.StoredMedia;
import io.tern.server.core.media.UploadSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What every connection's {@link MediaUploadHandler} shares: the token check, the media service, the blocking pool. */
public final class MediaUploads {
    private static final Logger log = LoggerFactory.getLogger(MediaUploads.class);

    private final AccountsManager accounts;
    private final MediaService media;
    private final Executor blocking;
    private final TernMetrics metrics;

    public MediaUploads(AccountsManager accounts, MediaService media, Executor blocking, TernMetrics metrics) {
        this.accounts = accounts;
        this.media = media;
        this.blocking = blocking;
        this.metrics = metrics;
    }

    /** A new handler for one connection. */
    public MediaUploadHandler newHandler() {
        return new MediaUploadHandler(this);
    }

    long maxFileBytes() {
        return media.maxFileBytes();
    }

    Executor blocking() {
        return blocking;
    }

    long authenticate(String token) {
        return accounts.authenticate(token).userId();
    }

    void checkQuota(long ownerId, long bytes) {
        media.checkQuota(ownerId, bytes);
    }

    UploadSink newSink() {
        try {
            return media.newUpload();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create an upload file", e);
        }
    }

    StoredMedia finish(long ownerId, String name, UploadSink sink) {
        try {
            return media.finish(ownerId, name, sink);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store an upload", e);
        }
    }

    TernException unexpected(Throwable cause) {
        log.warn("upload failed", cause);
        return new TernException(ErrorCode.INTERNAL, "the upload could not be stored");
    }

    void count(ErrorCode code) {
        metrics.error(code);
    }
}
