package munet.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PositionEmbeddingTest {
    private static Tensor grid(int side, int hidden) {
        float[] data = new float[(side * side + 1) * hidden];
        for (int i = 0; i < data.length; i++) {
            data[i] = i * 0.5f - 3;
        }
        return new Tensor(new long[] {side * side + 1, hidden}, data);
    }

    @Test
    void resamplingKeepsTheClassTokenRowAndReachesTheTargetGrid() {
        Tensor source = grid(4, 3);
        Tensor larger = PositionEmbedding.resample(source, 37);
        assertArrayEquals(new long[] {37, 3}, larger.shape());
        assertArrayEquals(Arrays.copyOf(source.data(), 3), Arrays.copyOf(larger.data(), 3));
        Tensor smaller = PositionEmbedding.resample(source, 5);
        assertArrayEquals(Arrays.copyOf(source.data(), 3), Arrays.copyOf(smaller.data(), 3));
    }

    @Test
    void resamplingToTheSameGridIsTheIdentityAndAConstantGridStaysConstant() {
        Tensor source = grid(3, 2);
        assertEquals(source, PositionEmbedding.resample(source, 10));
        float[] constant = new float[17 * 2];
        Arrays.fill(constant, 0.75f);
        constant[0] = 9;
        Tensor resampled = PositionEmbedding.resample(new Tensor(new long[] {17, 2}, constant), 50);
        for (int i = 2; i < resampled.data().length; i++) {
            assertEquals(0.75f, resampled.data()[i], 1e-6);
        }
        assertEquals(9, resampled.data()[0]);
    }

    /** A [1 + side^2, 2] embedding: class-token row (7, -7), then per patch (v, 10 v + 1) in row-major order. */
    private static Tensor embedding(float[][] grid) {
        int side = grid.length;
        float[] data = new float[(side * side + 1) * 2];
        data[0] = 7;
        data[1] = -7;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                data[(1 + y * side + x) * 2] = grid[y][x];
                data[(1 + y * side + x) * 2 + 1] = 10 * grid[y][x] + 1;
            }
        }
        return new Tensor(new long[] {side * side + 1, 2}, data);
    }

    /**
     * Up-scaling 2x2 to 4x4 with half-pixel centres, as timm's bilinear resampling (align_corners
     * false) does: output column x samples source column clamp((x + 0.5) / 2 - 0.5) = 0, 0.25,
     * 0.75, 1, and so do rows. With a single 4 in the corner the value is 4 * sy * sx: a product,
     * which only a true bilinear interpolation (not two linear ones added) reproduces.
     */
    @Test
    void upScalingMatchesHandComputedBilinearValues() {
        Tensor resampled = PositionEmbedding.resample(embedding(new float[][] {{0, 0}, {0, 4}}), 17);
        float[][] expected = {{0, 0, 0, 0}, {0, 0.25f, 0.75f, 1}, {0, 0.75f, 2.25f, 3}, {0, 1, 3, 4}};
        assertEquals(embedding(expected), resampled);
    }

    /** Down-scaling 4x4 to 2x2 samples source points 0.5 and 2.5 on each axis: of v = y * x, 0.25, 1.25, 1.25, 6.25. */
    @Test
    void downScalingMatchesHandComputedBilinearValues() {
        float[][] product = new float[4][4];
        for (int y = 0; y < 4; y++) {
            for (int x = 0; x < 4; x++) {
                product[y][x] = y * x;
            }
        }
        Tensor resampled = PositionEmbedding.resample(embedding(product), 5);
        assertEquals(embedding(new float[][] {{0.25f, 1.25f}, {1.25f, 6.25f}}), resampled);
    }

    @Test
    void rejectsATokenCountWithoutASquareGrid() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PositionEmbedding.resample(grid(2, 2), 11));
        assertEquals("a position embedding needs 1 + a square number of tokens, got 11", e.getMessage());
    }
}
