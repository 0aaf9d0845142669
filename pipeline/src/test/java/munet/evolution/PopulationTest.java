package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;

class PopulationTest {
    private static final SystemState SYSTEM = Fixtures.rootSystem().withTask(Fixtures.task("A", false));
    private static final Path ROOT = SYSTEM.rootPaths().get(0);
    private static final Scorer SCORER = new Scorer(1.0, SYSTEM.rootParams(), "A");

    private static Path path(String id, String parentId, double quality) {
        return Fixtures.path(id, "A", ROOT.componentIds(), ROOT.componentNames(), ROOT.hparams(), parentId, quality);
    }

    private static Population population(List<Path> paths) {
        return new Population(
                SYSTEM,
                new IterationState(
                        0, "A", 0, 0, 2, paths, List.of(), Map.of(), List.of("root"), 0, List.of(), Map.of()),
                SCORER);
    }

    @Test
    void theBestPathIsTheHighestScoringAndTheMostRecentOnTies() {
        Path first = path("a1", "root", 0.7);
        Path second = path("a2", "a1", 0.9);
        Path third = path("a3", "a1", 0.9);
        Population population = population(List.of(first, second, third));
        assertEquals(third, population.best());
        assertEquals(List.of(second, third, first), population.bestFirst());
        assertNull(population(List.of()).best());
    }

    /**
     * The score base decides between paths of equal quality: without a size penalty (base 1) the
     * later, larger path wins the tie; with the penalty (base 0.5) the smaller one is selected.
     */
    @Test
    void aSizePenalisedScorePrefersTheSmallerOfTwoEqualQualityPaths() {
        Path small = path("small", "root", 0.8);
        Component adapter = Fixtures.component("adapter-of-large", "adapter_1", List.of(8, 4), Set.of("A"));
        List<String> names = new ArrayList<>(ROOT.componentNames());
        List<String> ids = new ArrayList<>(ROOT.componentIds());
        int block = names.indexOf("encoderblock_1");
        names.add(block, "adapter_1");
        ids.add(block, adapter.id());
        Path large = Fixtures.path("large", "A", ids, names, ROOT.hparams(), "root", 0.8);
        IterationState state = new IterationState(
                0,
                "A",
                0,
                0,
                2,
                List.of(small, large),
                List.of(adapter),
                Map.of(),
                List.of("root"),
                0,
                List.of(),
                Map.of());

        assertEquals(large, new Population(SYSTEM, state, SCORER).best(), "no penalty: the tie goes to the later");
        Scorer penalised = new Scorer(0.5, SYSTEM.rootParams(), "A");
        Population population = new Population(SYSTEM, state, penalised);
        assertTrue(population.score(small) > population.score(large));
        assertEquals(small, population.best(), "penalised: the smaller path is selected");
    }

    @Test
    void lineageFollowsParentsThroughKnownPathsAndStopsAtUnknownOnesOrCycles() {
        Path ancestor = path("a0", "root", 0.5);
        Path child = path("a1", "a0", 0.6);
        assertEquals(
                List.of(child, ancestor, ROOT),
                population(List.of(child, ancestor)).lineage(child));
        assertEquals(List.of(child), population(List.of(child)).lineage(child), "a0 is unknown");
        Path loop = path("x", "y", 0.5);
        Path back = path("y", "x", 0.5);
        assertEquals(List.of(loop, back), population(List.of(loop, back)).lineage(loop));
    }
}
