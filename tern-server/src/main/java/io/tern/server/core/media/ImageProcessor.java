package io.tern.server.core.media;

import io.tern.protocol.ErrorCode;
import io.tern.server.core.TernException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Turns an uploaded image into what is served: the declared size is read from the header first and an image
 * over {@code media.maxImagePixels} is refused before any pixel is decoded (a tiny PNG can declare a
 * 100000 x 100000 canvas); then the EXIF orientation is applied and the image re-encoded, which leaves every
 * metadata block (EXIF with GPS, XMP, comments) behind; and a thumbnail is drawn. GIFs are served as uploaded
 * to keep their animation (GIF has no EXIF block); only their thumbnail is re-encoded.
 */
final class ImageProcessor {
    static final Set<String> DECODABLE = Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "image/bmp");
    /** Decoding takes width x height x 4 bytes of heap; two at a time bounds what uploads can take at once. */
    private static final int CONCURRENT_DECODES = 2;

    private final long maxPixels;
    private final int thumbnailSize;
    private final ScratchDir scratch;
    private final Semaphore decodes = new Semaphore(CONCURRENT_DECODES);

    ImageProcessor(long maxPixels, int thumbnailSize, ScratchDir scratch) {
        this.maxPixels = maxPixels;
        this.thumbnailSize = thumbnailSize;
        this.scratch = scratch;
    }

    ProcessedImage process(Path upload, String mime) throws IOException {
        int[] declared = dimensions(upload, mime);
        if ((long) declared[0] * declared[1] > maxPixels) {
            throw new TernException(ErrorCode.IMAGE_TOO_LARGE, "the image declares " + declared[0] + " x " + declared[1]
                    + " pixels; at most " + maxPixels + " pixels are accepted");
        }
        boolean jpeg = mime.equals("image/jpeg");
        boolean gif = mime.equals("image/gif");
        String format = jpeg ? "jpg" : "png";
        decodes.acquireUninterruptibly();
        try {
            Path served = upload;
            if (!gif) {
                served = scratch.newFile();
                try (OutputStream out = Files.newOutputStream(served)) {
                    Thumbnails.of(upload.toFile()).scale(1.0).useExifOrientation(true).outputFormat(format)
                            .outputQuality(0.9f).toOutputStream(out);
                }
            }
            Path thumb = scratch.newFile();
            try (OutputStream out = Files.newOutputStream(thumb)) {
                Thumbnails.of(served.toFile()).size(thumbnailSize, thumbnailSize).outputFormat(format)
                        .outputQuality(0.8f).toOutputStream(out);
            }
            int[] size = dimensions(served, mime);
            int[] thumbSize = dimensions(thumb, "image/" + format);
            String servedMime = gif ? mime : jpeg ? "image/jpeg" : "image/png";
            return new ProcessedImage(served, servedMime, size[0], size[1], thumb,
                    jpeg ? "image/jpeg" : "image/png", thumbSize[0], thumbSize[1]);
        } catch (IOException | RuntimeException e) {
            if (e instanceof TernException) {
                throw e;
            }
            throw undecodable(mime, e);
        } finally {
            decodes.release();
        }
    }

    /** Width and height from the image's header, without decoding its pixels. */
    private static int[] dimensions(Path file, String mime) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw undecodable(mime, null);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new int[] {reader.getWidth(0), reader.getHeight(0)};
            } catch (IOException | RuntimeException e) {
                throw undecodable(mime, e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static TernException undecodable(String mime, Exception cause) {
        return new TernException(ErrorCode.UNSUPPORTED_MEDIA, "the bytes look like " + mime
                + " but cannot be read as an image", cause);
    }
}
