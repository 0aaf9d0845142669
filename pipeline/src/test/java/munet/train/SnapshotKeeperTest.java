package munet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import munet.evolution.CandidateResult.Validation;
import org.junit.jupiter.api.Test;

class SnapshotKeeperTest {

    @Test
    void keepsEverySnapshotThatTiesOrBeatsTheBestSoFar() {
        SnapshotKeeper keeper = new SnapshotKeeper(0.5);
        List<Integer> taken = new ArrayList<>();
        double[] scores = {0.4, 0.6, 0.55, 0.6, 0.7};
        for (int i = 0; i < scores.length; i++) {
            int step = i;
            keeper.offer(new Validation(i, scores[i], scores[i]), () -> {
                taken.add(step);
                return Map.of();
            });
        }
        assertEquals(List.of(1, 3, 4), taken);
        assertTrue(keeper.improved());
        assertEquals(4, keeper.best().step());
    }

    @Test
    void withoutASnapshotReportsTheBestValidationSeen() {
        SnapshotKeeper keeper = new SnapshotKeeper(0.9);
        keeper.offer(new Validation(1, 0.3, 0.3), Map::of);
        keeper.offer(new Validation(2, 0.5, 0.5), Map::of);
        keeper.offer(new Validation(3, Double.NaN, Double.NaN), Map::of);
        assertFalse(keeper.improved());
        assertTrue(keeper.snapshot().isEmpty());
        assertEquals(2, keeper.best().step());
    }
}
