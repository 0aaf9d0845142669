package munet.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG and JPEG bytes to RGB pixels. The dimensions in the header are checked against a
 * pixel limit before any pixel is decoded, so a small file claiming a huge image (a
 * decompression bomb) is refused without allocating it.
 */
public final class ImageDecoder {
    private final long maxPixels;

    public ImageDecoder(long maxPixels) {
        if (maxPixels <= 0) {
            throw new IllegalArgumentException("the pixel limit must be positive, got " + maxPixels);
        }
        this.maxPixels = maxPixels;
    }

    /**
     * Decodes {@code bytes}; {@code origin} names the file or row in error messages. Throws
     * {@link CorruptImageException} for bytes that are not a readable PNG/JPEG and
     * {@link IllegalArgumentException} for an image over the pixel limit.
     */
    public LabeledImage decode(byte[] bytes, int label, String origin) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new CorruptImageException(origin + ": no image bytes");
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new CorruptImageException(origin + ": not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > maxPixels) {
                    throw new IllegalArgumentException(origin + ": image of " + reader.getWidth(0) + "x"
                            + reader.getHeight(0) + " pixels is over the limit of " + maxPixels
                            + " pixels (munet.data.max-image-pixels); shrink it or raise the limit");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException || e instanceof CorruptImageException) {
                throw e;
            }
            throw new CorruptImageException(origin + ": corrupt image bytes (" + e.getMessage() + ")");
        }
        return new LabeledImage(image.getWidth(), image.getHeight(), rgb(image), label);
    }

    private static byte[] rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            out[3 * i] = (byte) (argb[i] >> 16);
            out[3 * i + 1] = (byte) (argb[i] >> 8);
            out[3 * i + 2] = (byte) argb[i];
        }
        return out;
    }

    /** Bytes that are not a decodable image; importers may skip these on request. */
    public static final class CorruptImageException extends IOException {
        public CorruptImageException(String message) {
            super(message);
        }
    }
}
