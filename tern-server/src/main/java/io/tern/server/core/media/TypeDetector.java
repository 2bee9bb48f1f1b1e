package io.tern.server.core.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MimeTypes;

/**
 * The type of an upload from its bytes alone (Apache Tika's magic numbers). The file name and the
 * Content-Type the client sent are never consulted: a {@code .png} name on an HTML page stays HTML.
 */
public final class TypeDetector {
    private final Detector detector = MimeTypes.getDefaultMimeTypes();

    /** A media type such as {@code image/jpeg}; {@code application/octet-stream} when nothing matches. */
    public String detect(Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            // an empty Metadata: no resource name, so the extension cannot sway the answer
            return detector.detect(in, new Metadata()).getBaseType().toString();
        }
    }
}
