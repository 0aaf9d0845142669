package munet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import munet.data.LabeledImage;
import munet.system.InputNormalisation;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
    private static final ImagePreprocessor PLAIN = ImagePreprocessor.resizeOnly(4, InputNormalisation.SIGNED);

    private static LabeledImage gradient() {
        byte[] rgb = new byte[8 * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                rgb[(y * 8 + x) * 3] = (byte) (x * 32);
                rgb[(y * 8 + x) * 3 + 1] = (byte) 255;
            }
        }
        return new LabeledImage(8, 8, rgb, 0);
    }

    @Test
    void resizesToTheImageSizeInSignedUnitRangeChannelFirst() {
        float[] out = new float[PLAIN.valuesPerImage()];
        PLAIN.resize(gradient(), out, 0);
        assertEquals(-1f, out[2 * 16], 1e-6);
        assertEquals(1f, out[16], 1e-6);
        // half-pixel centres: output column 0 samples halfway between source columns 0 and 1
        assertEquals(16 / 255f * 2 - 1, out[0], 1e-6);
        assertTrue(out[3] > out[2] && out[2] > out[1] && out[1] > out[0]);
    }

    @Test
    void signedNormalisationGivesExactlyTheBitsOfTheFormerTimesTwoMinusOne() {
        // stores made before normalisation was recorded must keep bit-identical predictions
        InputNormalisation identity = new InputNormalisation(List.of(0.0, 0.0, 0.0), List.of(1.0, 1.0, 1.0));
        Random random = new Random(3);
        byte[] rgb = new byte[13 * 11 * 3];
        random.nextBytes(rgb);
        LabeledImage image = new LabeledImage(13, 11, rgb, 0);
        ImagePreprocessor unit = ImagePreprocessor.resizeOnly(9, identity);
        ImagePreprocessor signed = ImagePreprocessor.resizeOnly(9, InputNormalisation.SIGNED);
        float[] units = new float[unit.valuesPerImage()];
        float[] out = new float[signed.valuesPerImage()];
        unit.resize(image, units, 0);
        signed.resize(image, out, 0);
        for (int i = 0; i < out.length; i++) {
            assertEquals(Float.floatToIntBits(units[i] * 2 - 1), Float.floatToIntBits(out[i]), "value " + i);
        }
    }

    @Test
    void appliesEachChannelsMeanAndStd() {
        InputNormalisation imagenet =
                new InputNormalisation(List.of(0.485, 0.456, 0.406), List.of(0.229, 0.224, 0.225));
        ImagePreprocessor preprocessor = ImagePreprocessor.resizeOnly(4, imagenet);
        float[] out = new float[preprocessor.valuesPerImage()];
        preprocessor.resize(gradient(), out, 0);
        assertEquals((1f - 0.456f) / 0.224f, out[16], 1e-6);
        assertEquals((0f - 0.406f) / 0.225f, out[2 * 16], 1e-6);
        assertEquals((16 / 255f - 0.485f) / 0.229f, out[0], 1e-5);
    }

    @Test
    void flipMirrorsColumnsAndAugmentationIsSeeded() {
        ImagePreprocessor flipping = new ImagePreprocessor(4, false, 1, 1, true, 0, 0, 0, 0, InputNormalisation.SIGNED);
        float[] plain = new float[16 * 3];
        PLAIN.resize(gradient(), plain, 0);
        Random random = new Random(1);
        float[] out = new float[16 * 3];
        boolean sawFlip = false;
        for (int i = 0; i < 8; i++) {
            flipping.augment(gradient(), random, out, 0);
            sawFlip |= out[0] == plain[3];
        }
        assertTrue(sawFlip);
        ImagePreprocessor jitter =
                new ImagePreprocessor(4, true, 0.3, 0.5, true, 0.2, 0.3, 0.3, 0.1, InputNormalisation.SIGNED);
        float[] a = new float[48];
        float[] b = new float[48];
        jitter.augment(gradient(), new Random(9), a, 0);
        jitter.augment(gradient(), new Random(9), b, 0);
        assertArrayEquals(a, b);
        assertTrue(Arrays.toString(a).indexOf("NaN") < 0);
        for (float v : a) {
            assertTrue(v >= -1 && v <= 1, "value " + v);
        }
        jitter.augment(gradient(), new Random(10), b, 0);
        assertFalse(Arrays.equals(a, b));
    }

    /** A Random that returns the given doubles in order (and false for every boolean): each draw of augment is chosen. */
    private static Random draws(double... values) {
        return new Random() {
            private int next;

            @Override
            public double nextDouble() {
                return values[next++];
            }

            @Override
            public boolean nextBoolean() {
                return false;
            }
        };
    }

    /** The signed value of red {@code x * 32} in the gradient, sampled exactly at source column x. */
    private static float red(int x) {
        return x * 32 / 255f * 2 - 1;
    }

    @Test
    void aFlipMirrorsEveryRowOfEveryChannel() {
        ImagePreprocessor flipping = new ImagePreprocessor(4, false, 1, 1, true, 0, 0, 0, 0, InputNormalisation.SIGNED);
        float[] plain = new float[48];
        PLAIN.resize(gradient(), plain, 0);
        Random alwaysFlip = new Random() {
            @Override
            public boolean nextBoolean() {
                return true;
            }
        };
        float[] flipped = new float[48];
        flipping.augment(gradient(), alwaysFlip, flipped, 0);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 4; y++) {
                for (int x = 0; x < 4; x++) {
                    assertEquals(
                            plain[c * 16 + y * 4 + 3 - x], flipped[c * 16 + y * 4 + x], "c" + c + " y" + y + " x" + x);
                }
            }
        }
    }

    /**
     * A crop of a quarter of the 8x8 gradient (area draw 0 with ds_area_range_min 0.25, square) is
     * a 4x4 box, resized to 4x4 pixel for pixel; its left edge is the x draw times the 4 free
     * columns: 0 gives source columns 0-3, a draw of 1 gives columns 4-7.
     */
    @Test
    void aCropSamplesTheBoxItsDrawsPlace() {
        ImagePreprocessor cropping =
                new ImagePreprocessor(4, true, 0.25, 1, false, 0, 0, 0, 0, InputNormalisation.SIGNED);
        float[] left = new float[48];
        cropping.augment(gradient(), draws(0, 0.5, 0, 0), left, 0);
        float[] right = new float[48];
        cropping.augment(gradient(), draws(0, 0.5, 1 - 1e-12, 0), right, 0);
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                assertEquals(red(x), left[y * 4 + x], 1e-6, "left box y" + y + " x" + x);
                assertEquals(red(4 + x), right[y * 4 + x], 1e-6, "right box y" + y + " x" + x);
                assertEquals(1f, left[16 + y * 4 + x], 1e-6, "green");
            }
        }
    }

    /** Brightness adds its drawn shift to every channel (clamped to 1); saturation drawn to 0 leaves gray. */
    @Test
    void jitterShiftsBrightnessAndRemovesSaturationAsDrawn() {
        ImagePreprocessor brighter =
                new ImagePreprocessor(4, false, 1, 1, false, 0.2, 0, 0, 0, InputNormalisation.SIGNED);
        float[] plain = new float[48];
        PLAIN.resize(gradient(), plain, 0);
        float[] out = new float[48];
        brighter.augment(gradient(), draws(1 - 1e-12, 0.5, 0.5, 0.5), out, 0); // shift +0.2
        for (int i = 0; i < 16; i++) {
            float unit = (plain[i] + 1) / 2;
            assertEquals(Math.min(unit + 0.2f, 1) * 2 - 1, out[i], 0.01, "red " + i);
            assertEquals(1f, out[16 + i], 0.01, "green stays at its maximum");
            assertEquals(0.2f * 2 - 1, out[32 + i], 0.01, "blue 0 + 0.2");
        }
        ImagePreprocessor gray = new ImagePreprocessor(4, false, 1, 1, false, 0, 0, 1, 0, InputNormalisation.SIGNED);
        gray.augment(gradient(), draws(0.5, 0.5, 0, 0.5), out, 0); // saturation factor 1 + (0 * 2 - 1) * 1 = 0
        for (int i = 0; i < 16; i++) {
            float luma = 0.299f * (plain[i] + 1) / 2 + 0.587f;
            for (int c = 0; c < 3; c++) {
                assertEquals(luma * 2 - 1, out[c * 16 + i], 0.01, "channel " + c + " pixel " + i + " is the gray");
            }
        }
    }

    @Test
    void rejectsAnAreaOutsideTheUnitInterval() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ImagePreprocessor(4, true, 0, 1, false, 0, 0, 0, 0, InputNormalisation.SIGNED));
        assertEquals("hyperparameter ds_area_range_min must be in (0, 1], got 0.0", e.getMessage());
    }
}
