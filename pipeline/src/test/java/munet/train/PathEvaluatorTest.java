package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The digest {@code evaluate --verify} compares: it must change whenever one prediction does. */
class PathEvaluatorTest {
    private static final int[] PREDICTIONS = {3, 0, 2, 2, 1, 0, 3, 1};

    @Test
    void equalPredictionsGiveEqualDigests() {
        assertEquals(PathEvaluator.digest(PREDICTIONS), PathEvaluator.digest(PREDICTIONS.clone()));
        assertEquals(64, PathEvaluator.digest(PREDICTIONS).length());
    }

    @Test
    void changingAnyOnePredictionChangesTheDigest() {
        String committed = PathEvaluator.digest(PREDICTIONS);
        for (int i = 0; i < PREDICTIONS.length; i++) {
            int[] changed = PREDICTIONS.clone();
            changed[i] = (changed[i] + 1) % 4;
            assertNotEquals(committed, PathEvaluator.digest(changed), "prediction " + i + " changed");
        }
    }

    @Test
    void orderAndCountArePartOfTheDigest() {
        String committed = PathEvaluator.digest(PREDICTIONS);
        int[] swapped = PREDICTIONS.clone();
        swapped[0] = PREDICTIONS[1];
        swapped[1] = PREDICTIONS[0];
        assertNotEquals(committed, PathEvaluator.digest(swapped), "two predictions swapped");
        assertNotEquals(committed, PathEvaluator.digest(java.util.Arrays.copyOf(PREDICTIONS, 7)), "one dropped");
        assertNotEquals(committed, PathEvaluator.digest(java.util.Arrays.copyOf(PREDICTIONS, 9)), "a 0 appended");
    }
}
