package munet.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Small images and folder checks shared by the data tests. */
final class TestImages {
    static final ImportOptions OPTIONS = new ImportOptions(40_000_000L, false, new SplitCarve(0.25, 0.25, 7));

    private TestImages() {}

    static BufferedImage solid(int w, int h, int rgb) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        return image;
    }

    static byte[] png(int w, int h, int rgb) {
        return PngBytes.of(solid(w, h, rgb));
    }

    static byte[] jpeg(int w, int h, int rgb) throws IOException {
        return jpeg(solid(w, h, rgb));
    }

    static byte[] jpeg(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** 32 wide, 16 high: the left half red, the right half blue (so any turn or mirror shows). */
    static BufferedImage leftRedRightBlue() {
        BufferedImage image = solid(32, 16, 0x0000ff);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, 0xff0000);
            }
        }
        return image;
    }

    /**
     * {@code jpeg} with an EXIF segment (APP1, big-endian TIFF, one IFD entry: orientation) after its
     * SOI marker, as a camera writes it: 6 = turn a quarter clockwise to view, 2 = mirror.
     */
    static byte[] withOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8); // header, first IFD at 8
        tiff.putShort((short) 1); // one entry
        tiff.putShort((short) 274)
                .putShort((short) 3)
                .putInt(1)
                .putShort((short) orientation)
                .putShort((short) 0);
        tiff.putInt(0); // no next IFD
        byte[] exif = ByteBuffer.allocate(6 + 26)
                .put("Exif\0\0".getBytes())
                .put(tiff.array())
                .array();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2)
                .put((byte) 0xff)
                .put((byte) 0xe1)
                .putShort((short) (exif.length + 2))
                .put(exif);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A PNG whose header claims width x height pixels but which holds no pixel data. */
    static byte[] bombHeader(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17);
        ihdr.put("IHDR".getBytes())
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4 + 12);
        png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
        png.putInt(0).put("IEND".getBytes()).putInt(0xAE426082);
        return png.array();
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /** Everything left in a folder, to assert that a failed import wrote nothing. */
    static List<Path> contents(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
