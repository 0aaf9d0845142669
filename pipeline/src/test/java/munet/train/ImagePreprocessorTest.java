package munet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import munet.data.LabeledImage;
import org.junit.jupiter.api.Test;

class ImagePreprocessorTest {
  private static final ImagePreprocessor PLAIN = ImagePreprocessor.resizeOnly(4);

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
  void flipMirrorsColumnsAndAugmentationIsSeeded() {
    ImagePreprocessor flipping = new ImagePreprocessor(4, false, 1, 1, true, 0, 0, 0, 0);
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
    ImagePreprocessor jitter = new ImagePreprocessor(4, true, 0.3, 0.5, true, 0.2, 0.3, 0.3, 0.1);
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

  @Test
  void rejectsAnAreaOutsideTheUnitInterval() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new ImagePreprocessor(4, true, 0, 1, false, 0, 0, 0, 0));
    assertEquals("hyperparameter ds_area_range_min must be in (0, 1], got 0.0", e.getMessage());
  }
}
