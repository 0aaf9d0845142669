package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import munet.system.MutationProbabilities;
import org.junit.jupiter.api.Test;

class MutationRatesTest {
    private static final List<Double> GRID = List.of(0.02, 0.04, 0.06, 0.08, 0.1, 0.12);
    private static final MutationRates LEARNED = new MutationRates(MutationRates.Mode.LEARNED, GRID, 0.1);
    private static final String CLONE = MutationProbabilities.clone("encoderblock_0");

    private static MutationProbabilities of(String action, double probability) {
        return new MutationProbabilities(new TreeMap<>(java.util.Map.of(action, probability)));
    }

    @Test
    void globalRatesDecideWithMuAloneAndDrawWhatMu2NetDrew() {
        Rng rng = new Rng(5);
        Rng reference = new Rng(5);
        MutationProbabilities learned = of(CLONE, 0.02);
        for (int i = 0; i < 200; i++) {
            MutationRates.Decision decision = MutationRates.GLOBAL.decide(CLONE, learned, 0.3, rng);
            assertEquals(reference.chance(0.3), decision.happens());
            assertSame(learned, decision.probabilities(), "global rates neither use nor change learned probabilities");
        }
        assertEquals(reference.state(), rng.state());
    }

    @Test
    void aProbabilityIsInheritedExactlyWhenMuDoesNotMoveIt() {
        Rng rng = new Rng(1);
        int happened = 0;
        for (int i = 0; i < 4000; i++) {
            MutationRates.Decision decision = LEARNED.decide(CLONE, of(CLONE, 0.04), 0.0, rng);
            assertEquals(of(CLONE, 0.04), decision.probabilities());
            happened += decision.happens() ? 1 : 0;
        }
        assertEquals(0.04, happened / 4000.0, 0.01, "the action happens with its learned probability, not mu's");
    }

    @Test
    void anActionTheLineageNeverMetStartsAtTheInitialProbability() {
        MutationRates.Decision decision = LEARNED.decide(CLONE, MutationProbabilities.NONE, 0.0, new Rng(3));
        assertEquals(of(CLONE, 0.1), decision.probabilities());
        MutationRates.Decision other = LEARNED.decide("hp:opt_lr", of(CLONE, 0.02), 0.0, new Rng(3));
        assertEquals(0.02, other.probabilities().of(CLONE, -1), "other actions are kept as they are");
        assertEquals(0.1, other.probabilities().of("hp:opt_lr", -1));
    }

    @Test
    void withMuOneAProbabilityMovesOneGridStepEachTimeAndStaysOnTheGrid() {
        Rng rng = new Rng(9);
        Set<Double> seen = new HashSet<>();
        MutationProbabilities probabilities = of(CLONE, 0.06);
        for (int i = 0; i < 300; i++) {
            double before = probabilities.of(CLONE, -1);
            probabilities = LEARNED.decide(CLONE, probabilities, 1.0, rng).probabilities();
            double after = probabilities.of(CLONE, -1);
            int step = GRID.indexOf(after) - GRID.indexOf(before);
            assertTrue(GRID.contains(after), after + " is on the grid");
            boolean clamped = step == 0 && (before == GRID.get(0) || before == GRID.get(GRID.size() - 1));
            assertTrue(Math.abs(step) == 1 || clamped, before + " -> " + after);
            seen.add(after);
        }
        assertEquals(new HashSet<>(GRID), seen, "a random walk over the grid reaches both ends");
    }

    @Test
    void aProbabilityFromAnotherGridContinuesFromTheNearestValue() {
        assertEquals(
                0.08,
                LEARNED.decide(CLONE, of(CLONE, 0.085), 0.0, new Rng(1))
                        .probabilities()
                        .of(CLONE, -1));
        assertEquals(
                0.12,
                LEARNED.decide(CLONE, of(CLONE, 0.3), 0.0, new Rng(1))
                        .probabilities()
                        .of(CLONE, -1));
    }

    @Test
    void aGridMustAscendWithinZeroAndOneAndHoldTheInitialValue() {
        assertThrows(
                IllegalArgumentException.class, () -> new MutationRates(MutationRates.Mode.LEARNED, List.of(), 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new MutationRates(MutationRates.Mode.LEARNED, List.of(0.2, 0.1), 0.1));
        assertThrows(
                IllegalArgumentException.class,
                () -> new MutationRates(MutationRates.Mode.LEARNED, List.of(0.1, 1.5), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new MutationRates(MutationRates.Mode.LEARNED, GRID, 0.11));
    }
}
