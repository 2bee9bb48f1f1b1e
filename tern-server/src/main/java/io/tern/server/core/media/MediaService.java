package io.tern.server.core.media;

import io.tern.protocol.ErrorCode;
import io.tern.server.config.TernConfig;
import io.tern.server.core.TernException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Uploads, access and links. An upload is hashed while it streams in; the same bytes uploaded again by the
 * same user give the same media, by another user a new media row on the same blobs (each pays quota for it).
 * Who may read: the uploader, and every member of a conversation with a message referencing the media, inside
 * their membership window at that message.
 */
public final class MediaService {
    /** The variant names of a media's two blobs, as they appear in signed links. */
    public static final String FILE = "file";
    public static final String THUMBNAIL = "thumbnail";
    private static final int SWEEP_BATCH = 500;

    private final MediaStore store;
    private final BlobStore blobs;
    private final ScratchDir scratch;
    private final TypeDetector detector = new TypeDetector();
    private final ImageProcessor images;
    private final LinkSigner signer;
    private final Clock clock;
    private final SecureRandom random;
    private final TernConfig.Media config;
    /** Held while rows and blobs change together, so a sweep never deletes a blob an upload just reused. */
    private final Object blobLock = new Object();

    public MediaService(MediaStore store, BlobStore blobs, ScratchDir scratch, LinkSigner signer, Clock clock,
                        SecureRandom random, TernConfig.Media config) {
        this.store = store;
        this.blobs = blobs;
        this.scratch = scratch;
        this.signer = signer;
        this.clock = clock;
        this.random = random;
        this.config = config;
        this.images = new ImageProcessor(config.maxImagePixels(), config.thumbnailSize(), scratch);
    }

    public long maxFileBytes() {
        return config.maxFileBytes();
    }

    /** QUOTA_EXCEEDED if {@code bytes} more would take the user past the quota. */
    public void checkQuota(long ownerId, long bytes) {
        long quota = config.userQuotaBytes();
        if (quota > 0 && store.usage(ownerId) + bytes > quota) {
            throw new TernException(ErrorCode.QUOTA_EXCEEDED, "your uploads would exceed your quota of " + quota
                    + " bytes; media not used by any message is deleted after " + config.orphanTtl());
        }
    }

    public UploadSink newUpload() throws IOException {
        return new UploadSink(scratch.newFile());
    }

    /** Stores a complete upload; the sink's file is consumed or deleted whatever happens. */
    public StoredMedia finish(long ownerId, String name, UploadSink sink) throws IOException {
        ProcessedImage image = null;
        try {
            String uploadHash = sink.finish();
            if (sink.size() == 0) {
                throw new TernException(ErrorCode.INVALID_FIELD, "the upload is empty");
            }
            String cleanName = MediaNames.clean(name);
            long now = clock.millis();
            synchronized (blobLock) {
                Optional<StoredMedia> mine = store.findByUpload(ownerId, uploadHash);
                if (mine.isPresent() && store.touch(mine.get().id(), now)) {
                    return mine.get();
                }
                Optional<StoredMedia> other = store.findByUpload(uploadHash)
                        .filter(m -> blobs.exists(m.sha256()) && (!m.hasThumbnail() || blobs.exists(m.thumbSha256())));
                if (other.isPresent()) {
                    StoredMedia copy = other.get().copyFor(newId(), ownerId, cleanName, now);
                    checkQuota(ownerId, copy.storedBytes());
                    store.insert(copy, now);
                    return copy;
                }
            }
            String mime = detector.detect(sink.file());
            if (ImageProcessor.DECODABLE.contains(mime)) {
                image = images.process(sink.file(), mime);
            }
            Path served = image == null ? sink.file() : image.served();
            String sha = served.equals(sink.file()) ? uploadHash : sha256(served);
            StoredMedia media = image == null
                    ? new StoredMedia(newId(), ownerId, sha, uploadHash, sink.size(), mime, cleanName, 0, 0, null, 0, 0,
                            0, now)
                    : new StoredMedia(newId(), ownerId, sha, uploadHash, Files.size(served), image.mime(), cleanName,
                            image.width(), image.height(), sha256(image.thumbnail()), Files.size(image.thumbnail()),
                            image.thumbWidth(), image.thumbHeight(), now);
            synchronized (blobLock) {
                checkQuota(ownerId, media.storedBytes());
                blobs.putFile(media.sha256(), served);
                if (image != null) {
                    blobs.putFile(media.thumbSha256(), image.thumbnail());
                }
                store.insert(media, now);
            }
            return media;
        } finally {
            sink.abort();
            if (image != null) {
                Files.deleteIfExists(image.served());
                Files.deleteIfExists(image.thumbnail());
            }
        }
    }

    /** The media if the user may read it; NO_SUCH_MEDIA otherwise (also when it does not exist). */
    public StoredMedia readable(long userId, String mediaId) {
        Optional<StoredMedia> media = store.find(mediaId);
        if (media.isEmpty() || media.get().ownerId() != userId && !store.mayRead(mediaId, userId)) {
            throw noSuchMedia(mediaId);
        }
        return media.get();
    }

    /** The media a valid signed link names; LINK_EXPIRED for a bad or old signature. */
    public StoredMedia signed(String mediaId, String variant, long expiresAt, String signature) {
        if (!signer.valid(mediaId, variant, expiresAt, signature, clock.millis() / 1000)) {
            throw new TernException(ErrorCode.LINK_EXPIRED, "this media link has expired or is not valid; ask for a new one");
        }
        return store.find(mediaId).orElseThrow(() -> noSuchMedia(mediaId));
    }

    /** Short-lived links to the media and its thumbnail for a user who may read it. */
    public SignedLinks links(long userId, String mediaId) {
        StoredMedia media = readable(userId, mediaId);
        long expiresAt = clock.millis() / 1000 + config.linkTtl().toSeconds();
        String base = "/api/media/" + mediaId;
        String file = base + "?exp=" + expiresAt + "&sig=" + signer.sign(mediaId, FILE, expiresAt);
        String thumb = media.hasThumbnail()
                ? base + "/thumbnail?exp=" + expiresAt + "&sig=" + signer.sign(mediaId, THUMBNAIL, expiresAt) : null;
        return new SignedLinks(file, thumb, expiresAt * 1000);
    }

    /** Marks media a message is about to reference as in use; false if it is gone. */
    boolean touch(String mediaId) {
        return store.touch(mediaId, clock.millis());
    }

    /** NO_SUCH_MEDIA for a thumbnail that does not exist. */
    public void checkVariant(StoredMedia media, boolean thumbnail) {
        if (thumbnail && !media.hasThumbnail()) {
            throw new TernException(ErrorCode.NO_SUCH_MEDIA, "media " + media.id() + " has no thumbnail");
        }
    }

    /** Bytes {@code start} to {@code start + length} of the media or its thumbnail, from whichever backend holds them. */
    public InputStream open(StoredMedia media, boolean thumbnail, long start, long length) throws IOException {
        checkVariant(media, thumbnail);
        return blobs.open(thumbnail ? media.thumbSha256() : media.sha256(), start, length);
    }

    /**
     * Deletes media no message references that nobody touched for {@code media.orphanTtl}, and the blobs no
     * media uses any more, one batch. Returns how many media rows went.
     */
    public int sweep() throws IOException {
        return sweepBatch()[1];
    }

    /**
     * Sweeps batch after batch until no orphan is left (or {@code maxBatches} ran): after a retention purge,
     * which can leave many media unreferenced at once. Each deletion is its own short write.
     */
    public int sweepAll(int maxBatches) throws IOException {
        int deleted = 0;
        for (int i = 0; i < maxBatches; i++) {
            int[] r = sweepBatch();
            deleted += r[1];
            if (r[0] < SWEEP_BATCH) {
                break;
            }
        }
        return deleted;
    }

    /** {listed, deleted} of one batch. */
    private int[] sweepBatch() throws IOException {
        long before = clock.millis() - config.orphanTtl().toMillis();
        int deleted = 0;
        List<StoredMedia> listed = store.orphans(before, SWEEP_BATCH);
        for (StoredMedia m : listed) {
            synchronized (blobLock) {
                if (!store.deleteIfOrphan(m.id(), before)) {
                    continue; // referenced or touched since it was listed
                }
                deleted++;
                for (String sha : m.hasThumbnail() ? List.of(m.sha256(), m.thumbSha256()) : List.of(m.sha256())) {
                    if (!store.blobInUse(sha)) {
                        blobs.delete(sha);
                    }
                }
            }
        }
        return new int[] {listed.size(), deleted};
    }

    private String newId() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static TernException noSuchMedia(String mediaId) {
        return new TernException(ErrorCode.NO_SUCH_MEDIA, "no media " + mediaId + " that you may see");
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
