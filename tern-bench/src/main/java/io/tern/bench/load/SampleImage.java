package io.tern.bench.load;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;

/** A photo-like JPEG of about the size asked for: a gradient with grain, which compresses like a photo. */
final class SampleImage {
    private SampleImage() {
    }

    /** The largest 4:3 picture whose JPEG is at most {@code maxBytes} (never below 64 x 48). */
    static byte[] jpeg(int maxBytes) throws IOException {
        for (int width = 2400; ; width = width * 9 / 10) {
            byte[] jpeg = encode(width, width * 3 / 4);
            if (jpeg.length <= maxBytes || width <= 64) {
                return jpeg;
            }
        }
    }

    private static byte[] encode(int width, int height) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random grain = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = Math.min(255, x * 255 / width + grain.nextInt(24));
                int g = Math.min(255, y * 255 / height + grain.nextInt(24));
                int b = Math.min(255, 128 + grain.nextInt(24));
                img.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "jpg", out);
        return out.toByteArray();
    }
}
