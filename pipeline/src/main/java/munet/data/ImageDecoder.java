package munet.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG and WebP bytes to RGB pixels, upright. The dimensions in the header are
 * checked against a pixel limit before any pixel is decoded, so a small file claiming a huge
 * image (a decompression bomb) is refused without allocating it. Besides the JDK's readers,
 * TwelveMonkeys' ImageIO plugins (found through ImageIO's service registry) read CMYK and YCCK
 * JPEGs and WebP; 16-bit, palette and grayscale PNGs come out as RGB; a JPEG's EXIF orientation
 * is applied, as cameras and phones write it instead of rotating the pixels.
 */
public final class ImageDecoder {
    static {
        // ImageIO registers plugins once per JVM through the context class loader of its first caller, which
        // in a Spark executor may not see the application jar; rescan from the thread that first decodes
        // (in an executor a task thread, whose context class loader holds the jar)
        ImageIO.scanForPlugins();
    }

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
                throw new CorruptImageException(origin + ": not a PNG, JPEG or WebP image");
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
        int orientation = ExifOrientation.of(bytes);
        boolean turned = orientation >= ExifOrientation.TRANSPOSE;
        return new LabeledImage(
                turned ? image.getHeight() : image.getWidth(),
                turned ? image.getWidth() : image.getHeight(),
                rgb(image, orientation),
                label);
    }

    /** The pixels as RGB bytes, row by row, turned upright by {@code orientation} (EXIF, 1 = as stored). */
    private static byte[] rgb(BufferedImage image, int orientation) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean turned = orientation >= ExifOrientation.TRANSPOSE;
        int outWidth = turned ? h : w;
        byte[] out = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            int x = i % outWidth;
            int y = i / outWidth;
            int pixel = argb[ExifOrientation.sourceIndex(orientation, x, y, w, h)];
            out[3 * i] = (byte) (pixel >> 16);
            out[3 * i + 1] = (byte) (pixel >> 8);
            out[3 * i + 2] = (byte) pixel;
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
