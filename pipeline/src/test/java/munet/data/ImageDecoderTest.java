package munet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/** Images as users bring them, each made here: the decoder gives upright RGB for all of them. */
class ImageDecoderTest {
    private final ImageDecoder decoder = new ImageDecoder(1_000_000);

    private int[] pixel(LabeledImage image, int x, int y) {
        int i = 3 * (y * image.width() + x);
        byte[] rgb = image.rgb();
        return new int[] {rgb[i] & 0xff, rgb[i + 1] & 0xff, rgb[i + 2] & 0xff};
    }

    private static void assertNear(int[] expected, int[] actual, String what) {
        for (int c = 0; c < 3; c++) {
            assertTrue(Math.abs(expected[c] - actual[c]) <= 24, what + ": " + java.util.Arrays.toString(actual));
        }
    }

    @Test
    void sixteenBitPaletteAndGrayscalePngsComeOutAsRgb() throws IOException {
        BufferedImage deep = new BufferedImage(3, 2, BufferedImage.TYPE_USHORT_GRAY);
        deep.getRaster().setSample(1, 1, 0, 0xffff);
        LabeledImage sixteen = decoder.decode(write(deep, "png"), 0, "16-bit");
        assertArrayEquals(new int[] {255, 255, 255}, pixel(sixteen, 1, 1));
        assertArrayEquals(new int[] {0, 0, 0}, pixel(sixteen, 0, 0));

        IndexColorModel palette =
                new IndexColorModel(2, 2, new byte[] {0, (byte) 200}, new byte[] {0, 10}, new byte[] {(byte) 255, 20});
        BufferedImage indexed = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 1, 0, 1);
        LabeledImage fromPalette = decoder.decode(write(indexed, "png"), 0, "palette");
        assertArrayEquals(new int[] {0, 0, 255}, pixel(fromPalette, 0, 0));
        assertArrayEquals(new int[] {200, 10, 20}, pixel(fromPalette, 0, 1));

        BufferedImage gray = new BufferedImage(2, 2, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(1, 0, 0, 255);
        assertArrayEquals(new int[] {255, 255, 255}, pixel(decoder.decode(write(gray, "png"), 0, "gray"), 1, 0));
    }

    @Test
    void cmykAndYcckJpegsAreRead() throws IOException {
        // Adobe JPEGs store 4 channels with inverted values (255: no ink); the JDK alone reads neither kind
        assertNear(
                new int[] {255, 255, 255},
                pixel(decoder.decode(fourChannels(255, 255, 255, 255, 0), 0, "cmyk"), 8, 8),
                "no ink is white");
        assertArrayEquals(
                new int[] {0, 255, 255},
                pixel(decoder.decode(fourChannels(0, 255, 255, 255, 0), 0, "cmyk"), 8, 8),
                "full cyan ink, no other");
        LabeledImage ycck = decoder.decode(fourChannels(76, 85, 255, 255, 2), 0, "ycck");
        assertEquals(16, ycck.width());
        assertTrue(
                !java.util.Arrays.equals(
                        pixel(ycck, 8, 8), pixel(decoder.decode(fourChannels(255, 128, 128, 255, 2), 0, "ycck"), 8, 8)),
                "two YCCK colours decode to two colours");
    }

    /**
     * A 16 x 16 JPEG of one 4-channel colour, as the JDK writes a 4-band raster, with the Adobe
     * marker Photoshop writes: {@code transform} 0 for CMYK, 2 for YCCK.
     */
    private static byte[] fourChannels(int c0, int c1, int c2, int c3, int transform) throws IOException {
        WritableRaster raster =
                WritableRaster.createInterleavedRaster(java.awt.image.DataBuffer.TYPE_BYTE, 16, 16, 4, null);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                raster.setPixel(x, y, new int[] {c0, c1, c2, c3});
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
        byte[] jpeg = out.toByteArray();
        // APP14 "Adobe": version 100, no flags, the colour transform
        byte[] adobe = {(byte) 0xff, (byte) 0xee, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return ByteBuffer.allocate(jpeg.length + adobe.length)
                .put(jpeg, 0, 2)
                .put(adobe)
                .put(jpeg, 2, jpeg.length - 2)
                .array();
    }

    @Test
    void decodingKeepsTheStoredPixelsAndUprightRewritesATurnedJpeg() throws IOException {
        byte[] plain = TestImages.jpeg(TestImages.leftRedRightBlue());
        byte[] turned = TestImages.withOrientation(plain, 6);
        // as stored: a dataset imported before orientation was applied decodes as it did then
        assertArrayEquals(
                decoder.decode(plain, 0, "plain").rgb(),
                decoder.decode(turned, 0, "exif 6").rgb());
        assertEquals(32, decoder.decode(turned, 0, "exif 6").width());

        LabeledImage upright = decoder.decode(decoder.upright(turned, "exif 6"), 0, "upright");
        assertEquals(16, upright.width());
        assertEquals(32, upright.height());
        assertNear(new int[] {255, 0, 0}, pixel(upright, 8, 4), "the left half is on top");
        assertNear(new int[] {0, 0, 255}, pixel(upright, 8, 28), "the right half is at the bottom");
        LabeledImage mirrored =
                decoder.decode(decoder.upright(TestImages.withOrientation(plain, 2), "exif 2"), 0, "mirrored");
        assertNear(new int[] {0, 0, 255}, pixel(mirrored, 4, 8), "mirrored: blue on the left");

        // what needs no turning is stored as it came, byte for byte
        assertSame(plain, decoder.upright(plain, "plain"));
        byte[] png = TestImages.png(3, 2, 0x123456);
        assertSame(png, decoder.upright(png, "png"));
        byte[] uprightAlready = TestImages.withOrientation(plain, 1);
        assertSame(uprightAlready, decoder.upright(uprightAlready, "exif 1"));
    }

    @Test
    void jpegsDecodeToThePixelsOfTheJdksOwnReader() throws IOException {
        // TwelveMonkeys' reader now comes first for every JPEG: the datasets imported when the JDK's read
        // them must still decode to the same pixels, or their committed predictions change
        BufferedImage photo = new BufferedImage(40, 24, BufferedImage.TYPE_INT_RGB);
        java.util.Random random = new java.util.Random(5);
        for (int y = 0; y < 24; y++) {
            for (int x = 0; x < 40; x++) {
                photo.setRGB(
                        x,
                        y,
                        (6 * x + random.nextInt(40)) << 16 | (9 * y + random.nextInt(40)) << 8 | random.nextInt(256));
            }
        }
        BufferedImage gray = new BufferedImage(40, 24, BufferedImage.TYPE_BYTE_GRAY);
        gray.getGraphics().drawImage(photo, 0, 0, null);
        byte[] baseline = write(photo, "jpeg");
        for (byte[] jpeg : java.util.List.of(
                baseline, progressive(photo), write(gray, "jpeg"), TestImages.withOrientation(baseline, 6))) {
            assertArrayEquals(jdkReader(jpeg), decoder.decode(jpeg, 0, "jpeg").rgb());
        }
    }

    /** The pixels of the JDK's JPEG reader, as the decoder read every JPEG before TwelveMonkeys came. */
    private static byte[] jdkReader(byte[] jpeg) throws IOException {
        ImageReader reader = java.util.stream.StreamSupport.stream(
                        java.util.Spliterators.spliteratorUnknownSize(ImageIO.getImageReadersByFormatName("jpeg"), 0),
                        false)
                .filter(r -> r.getClass().getName().startsWith("com.sun.imageio."))
                .findFirst()
                .orElseThrow();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in);
            BufferedImage image = reader.read(0);
            int[] argb = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
            byte[] rgb = new byte[3 * argb.length];
            for (int i = 0; i < argb.length; i++) {
                rgb[3 * i] = (byte) (argb[i] >> 16);
                rgb[3 * i + 1] = (byte) (argb[i] >> 8);
                rgb[3 * i + 2] = (byte) argb[i];
            }
            return rgb;
        } finally {
            reader.dispose();
        }
    }

    private static byte[] progressive(BufferedImage image) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    @Test
    void webpLossyAndLosslessAreRead() throws IOException {
        // the 1x1 pixel probes browsers' WebP support is tested with (lossy VP8, lossless VP8L)
        for (String probe : java.util.List.of(
                "UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA",
                "UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==")) {
            LabeledImage image = decoder.decode(Base64.getDecoder().decode(probe), 0, "webp");
            assertEquals(1, image.width());
            assertEquals(1, image.height());
        }
    }

    private static byte[] write(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), format);
        return out.toByteArray();
    }
}
