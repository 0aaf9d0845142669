package munet.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes PNG, JPEG and WebP bytes to RGB pixels. The dimensions in the header are checked
 * against a pixel limit before any pixel is decoded, so a small file claiming a huge image (a
 * decompression bomb) is refused without allocating it. Besides the JDK's readers, TwelveMonkeys'
 * ImageIO plugins (found through ImageIO's service registry) read CMYK and YCCK JPEGs and WebP;
 * 16-bit, palette and grayscale PNGs come out as RGB.
 *
 * <p>{@link #decode} gives the pixels as stored and never applies a JPEG's EXIF orientation: it is
 * what training, evaluation and prediction see, and the bytes of a task dataset must decode to the
 * same pixels forever, or committed predictions change (datasets imported before orientation was
 * applied hold turned JPEGs). Orientation is applied once, when an image file becomes a dataset
 * row: {@link #upright} rewrites a turned JPEG as a PNG of its upright pixels.
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
     * Decodes {@code bytes} as stored; {@code origin} names the file or row in error messages.
     * Throws {@link CorruptImageException} for bytes that are not a readable image and
     * {@link IllegalArgumentException} for an image over the pixel limit.
     */
    public LabeledImage decode(byte[] bytes, int label, String origin) throws IOException {
        BufferedImage image = read(bytes, origin);
        return new LabeledImage(image.getWidth(), image.getHeight(), rgb(image), label);
    }

    /**
     * The bytes a dataset stores for an image as a viewer shows it: {@code bytes} themselves, unless
     * they are a JPEG whose EXIF orientation turns or mirrors it (as cameras and phones write it
     * instead of turning the pixels); then a PNG of the upright pixels, which every reader (this
     * decoder, PIL, Hugging Face {@code datasets}) decodes upright without looking at EXIF.
     */
    public byte[] upright(byte[] bytes, String origin) throws IOException {
        int orientation = ExifOrientation.of(bytes);
        if (orientation == ExifOrientation.UPRIGHT) {
            return bytes;
        }
        BufferedImage image = read(bytes, origin);
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        boolean turned = orientation >= ExifOrientation.TRANSPOSE;
        BufferedImage upright = new BufferedImage(turned ? h : w, turned ? w : h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < upright.getHeight(); y++) {
            for (int x = 0; x < upright.getWidth(); x++) {
                upright.setRGB(x, y, argb[ExifOrientation.sourceIndex(orientation, x, y, w, h)]);
            }
        }
        return PngBytes.of(upright);
    }

    private BufferedImage read(byte[] bytes, String origin) throws IOException {
        if (bytes == null || bytes.length == 0) {
            throw new CorruptImageException(origin + ": no image bytes");
        }
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
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException || e instanceof CorruptImageException) {
                throw e;
            }
            throw new CorruptImageException(origin + ": corrupt image bytes (" + e.getMessage() + ")");
        }
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
