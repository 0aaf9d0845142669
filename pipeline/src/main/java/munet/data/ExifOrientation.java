package munet.data;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;

/**
 * The EXIF orientation of a JPEG (TIFF tag 274: 1 upright, 2 mirrored, 3 upside down, 4 flipped,
 * 5-8 the same after a quarter turn) and where each upright pixel is in the stored image.
 */
final class ExifOrientation {
    static final int UPRIGHT = 1;
    /** From this value on, the stored image is turned a quarter: width and height swap. */
    static final int TRANSPOSE = 5;

    private ExifOrientation() {}

    /** The orientation in {@code bytes}' EXIF segment; upright when there is none or it is unreadable. */
    static int of(byte[] bytes) {
        if (bytes.length < 2 || (bytes[0] & 0xff) != 0xff || (bytes[1] & 0xff) != 0xd8) {
            return UPRIGHT; // not a JPEG
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
            if (exif.isEmpty()) {
                return UPRIGHT;
            }
            InputStream data = exif.get(0).data();
            data.read(); // the pad byte after "Exif\0"
            Directory tiff = new TIFFReader().read(ImageIO.createImageInputStream(data));
            Entry entry = tiff.getEntryById(TIFF.TAG_ORIENTATION);
            int value = entry == null ? UPRIGHT : ((Number) entry.getValue()).intValue();
            return value >= 1 && value <= 8 ? value : UPRIGHT;
        } catch (IOException | RuntimeException e) {
            return UPRIGHT; // a damaged EXIF block does not make the pixels unreadable
        }
    }

    /** The index in the stored w x h image of the upright image's pixel (x, y). */
    static int sourceIndex(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            case 8 -> x * w + (w - 1 - y);
            default -> y * w + x;
        };
    }
}
