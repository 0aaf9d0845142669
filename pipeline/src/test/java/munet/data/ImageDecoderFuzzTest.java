package munet.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Any bytes given to the image decoder (every imported image, every predicted one), turned upright by
 * their EXIF orientation first as an import does, are decoded
 * within the pixel limit or refused: a corrupt image as CorruptImageException, one over the limit
 * as IllegalArgumentException, and never decoded past the limit the header declares.
 */
class ImageDecoderFuzzTest {
    private static final long MAX_PIXELS = 4096;
    private final ImageDecoder decoder = new ImageDecoder(MAX_PIXELS);

    @FuzzTest(maxDuration = "5s")
    void anyBytesAreDecodedWithinTheLimitOrRefused(byte[] bytes) {
        try {
            // as an import stores and then reads it: upright gives back the bytes unless EXIF turns a JPEG
            LabeledImage image = decoder.decode(decoder.upright(bytes, "fuzzed image"), 0, "fuzzed image");
            if ((long) image.width() * image.height() > MAX_PIXELS
                    || image.rgb().length != 3 * image.width() * image.height()) {
                throw new AssertionError("decoded " + image.width() + "x" + image.height() + " with "
                        + image.rgb().length + " bytes past the limit of " + MAX_PIXELS + " pixels");
            }
        } catch (IOException | IllegalArgumentException refused) {
            // corrupt, or over the limit: the refusals the decoder promises
        }
    }
}
