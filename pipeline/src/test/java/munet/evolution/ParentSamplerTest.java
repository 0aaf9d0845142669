package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import munet.system.Hyperparameters;
import munet.system.Path;
import munet.system.SystemState;
import org.junit.jupiter.api.Test;

class ParentSamplerTest {
    private static final int DRAWS = 40_000;
    private static final double TOLERANCE = 0.015; // about 6 standard deviations at 40k draws

    private static Path path(String id, String task) {
        return Fixtures.path(id, task, List.of(), List.of(), new Hyperparameters(Map.of()), null, 0.5);
    }

    private static Map<String, Double> frequencies(
            List<Path> population, List<Path> seeds, Map<String, Integer> offspring) {
        Rng rng = new Rng(42);
        Map<String, Double> counts = new HashMap<>();
        for (int i = 0; i < DRAWS; i++) {
            counts.merge(
                    ParentSampler.sample(population, seeds, offspring, rng)
                            .parent()
                            .id(),
                    1.0 / DRAWS,
                    Double::sum);
        }
        return counts;
    }

    @Test
    void acceptsEachPathWithProbabilityHalfToTheNumberOfItsChildren() {
        // best (1 child) accepted w.p. 1/2; second (2 children) w.p. 1/2 * 1/4; then the seed (no child) takes the rest
        Map<String, Double> f = frequencies(
                List.of(path("best", "A"), path("second", "A")),
                List.of(path("seed", "B")),
                Map.of("best", 1, "second", 2));
        assertEquals(0.5, f.get("best"), TOLERANCE);
        assertEquals(0.125, f.get("second"), TOLERANCE);
        assertEquals(0.375, f.get("seed"), TOLERANCE);
    }

    @Test
    void aPathWithoutChildrenIsAlwaysAccepted() {
        Map<String, Double> f =
                frequencies(List.of(path("best", "A"), path("second", "A")), List.of(path("seed", "B")), Map.of());
        assertEquals(Set.of("best"), f.keySet());
    }

    @Test
    void fallsBackToUniformWhenNothingIsAccepted() {
        List<Path> population = List.of(path("a1", "A"), path("a2", "A"));
        List<Path> seeds = List.of(path("b", "B"), path("root", "root"));
        Map<String, Integer> offspring = Map.of("a1", 60, "a2", 60, "b", 60, "root", 60);
        Map<String, Double> f = frequencies(population, seeds, offspring);
        for (String id : List.of("a1", "a2", "b", "root")) {
            assertEquals(0.25, f.get(id), TOLERANCE, id);
        }
    }

    @Test
    void rotatesTheSeedListPastTheAcceptedSeed() {
        List<Path> seeds = List.of(path("s0", "B"), path("s1", "C"), path("s2", "root"));
        Set<String> picked = new HashSet<>();
        Rng rng = new Rng(3);
        for (int i = 0; i < 200; i++) {
            ParentSampler.Pick pick = ParentSampler.sample(List.of(), seeds, Map.of("s0", 1, "s1", 1), rng);
            int index = seeds.indexOf(pick.parent());
            List<Path> expected = new java.util.ArrayList<>(seeds.subList(index + 1, 3));
            expected.addAll(seeds.subList(0, index + 1));
            assertEquals(expected, pick.seeds());
            picked.add(pick.parent().id());
        }
        assertEquals(Set.of("s0", "s1", "s2"), picked);
    }

    @Test
    void populationPathsComeBeforeSeedsAndLeaveTheSeedOrderAlone() {
        List<Path> seeds = List.of(path("s0", "B"), path("s1", "C"));
        ParentSampler.Pick pick = ParentSampler.sample(List.of(path("a", "A")), seeds, Map.of(), new Rng(1));
        assertEquals("a", pick.parent().id());
        assertEquals(seeds, pick.seeds());
    }

    @Test
    void seedsAreOtherPublicTasksBestPathsAndTheRootShuffledBySeed() {
        SystemState system = Fixtures.rootSystem();
        Path root = system.rootPaths().get(0);
        Map<String, Path> best = new java.util.LinkedHashMap<>();
        for (String task : List.of("A", "B", "C", "D", "E", "F")) {
            system = system.withTask(Fixtures.task(task, task.equals("B")));
            best.put(
                    task,
                    Fixtures.path(
                            task + "-1",
                            task,
                            root.componentIds(),
                            root.componentNames(),
                            root.hparams(),
                            "root",
                            0.5));
        }
        system = new SystemState(
                1, system.architecture(), system.tasks(), system.components(), best, system.rootPaths());

        Set<List<String>> orders = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            List<String> ids = ParentSampler.seeds(system, "A", new Rng(seed)).stream()
                    .map(Path::id)
                    .toList();
            assertEquals(
                    Set.of("C-1", "D-1", "E-1", "F-1", "root"), Set.copyOf(ids), "B is private, A is the active task");
            assertEquals(
                    ids,
                    ParentSampler.seeds(system, "A", new Rng(seed)).stream()
                            .map(Path::id)
                            .toList());
            orders.add(ids);
        }
        assertTrue(orders.size() > 5, "the seed order is shuffled");
        assertFalse(ParentSampler.seeds(system, "C", new Rng(0)).stream()
                .anyMatch(p -> p.task().equals("B")));
        assertNotEquals(
                0, ParentSampler.seeds(system, "B", new Rng(0)).size(), "a private task still learns from others");
    }
}
