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

    @Test
    void rejectsATokenCountWithoutASquareGrid() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PositionEmbedding.resample(grid(2, 2), 11));
        assertEquals("a position embedding needs 1 + a square number of tokens, got 11", e.getMessage());
    }
}
