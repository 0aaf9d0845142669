package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import munet.system.ComponentNames;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import org.junit.jupiter.api.Test;

class MutatorTest {
    private static final int DRAWS = 400;

    /** mu, num_layers, opt_lr and one data key; {@code mu} over the given values. */
    private static HyperparameterSpace space(double mu, List<Double> muAllowed) {
        return new HyperparameterSpace(
                Map.of(
                        "mu",
                        muAllowed,
                        "num_layers",
                        List.of(2, 3),
                        "opt_lr",
                        List.of(0.1, 0.2, 0.3),
                        "ds_flip_left_right",
                        List.of(false, true)),
                new Hyperparameters(Map.of("mu", mu, "num_layers", 3, "opt_lr", 0.2, "ds_flip_left_right", true)));
    }

    private static Path parent(Map<String, ?> hparams, int layers, SortedSet<Integer> adapters) {
        List<String> names = ComponentNames.ofPath(layers, adapters);
        return Fixtures.path(
                "parent",
                "A",
                names.stream().map(n -> "id-" + n).toList(),
                names,
                new Hyperparameters(hparams),
                null,
                0.5);
    }

    private static Set<Object> childValues(Mutator mutator, Path parent, String key) {
        Rng rng = new Rng(5);
        Set<Object> values = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutator.Child child = mutator.mutate(parent, mutator.sampleData(null, rng), rng);
            values.add(child.hparams().get(key));
        }
        return values;
    }

    @Test
    void stepsOneValueUpOrDownClampedAtBothEnds() {
        Mutator mutator = new Mutator(space(1.0, List.of(1.0)), false, MutationRates.GLOBAL);
        assertEquals(
                Set.of(0.3, 0.2),
                childValues(mutator, parent(Map.of("mu", 1.0, "opt_lr", 0.3), 3, new TreeSet<>()), "opt_lr"));
        assertEquals(
                Set.of(0.1, 0.2),
                childValues(mutator, parent(Map.of("mu", 1.0, "opt_lr", 0.1), 3, new TreeSet<>()), "opt_lr"));
        assertEquals(
                Set.of(0.1, 0.3),
                childValues(mutator, parent(Map.of("mu", 1.0, "opt_lr", 0.2), 3, new TreeSet<>()), "opt_lr"));
    }

    @Test
    void muMutatesFirstWithTheParentsRateAndThenGovernsTheOthers() {
        Mutator mutator = new Mutator(space(0.0, List.of(0.0, 1.0)), true, MutationRates.GLOBAL);
        Path parent = parent(Map.of("mu", 1.0, "opt_lr", 0.2), 3, new TreeSet<>());
        Rng rng = new Rng(9);
        Set<Double> childMus = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutator.Child child = mutator.mutate(
                    parent,
                    new Mutator.DataChoice(new Hyperparameters(Map.of()), List.of(), MutationProbabilities.NONE),
                    rng);
            double mu = child.hparams().getDouble("mu");
            childMus.add(mu);
            if (mu == 0.0) {
                assertEquals(List.of("mu 1.0->0.0"), child.mutations(), "a child with mu 0 mutates nothing else");
            } else {
                assertTrue(child.hparams().getDouble("opt_lr") != 0.2, "a child with mu 1 moves every other value");
                Set<Integer> everyBlock = child.hparams().getInt("num_layers") == 2 ? Set.of(0, 1) : Set.of(0, 1, 2);
                assertEquals(everyBlock, child.adapterLayers(), "and gets an adapter before every block");
                assertTrue(
                        child.mutations().contains("adapter+ 1"),
                        child.mutations().toString());
            }
        }
        assertEquals(Set.of(0.0, 1.0), childMus);
        Path still = parent(Map.of("mu", 0.0, "opt_lr", 0.2), 3, new TreeSet<>());
        assertEquals(Set.of(0.0), childValues(mutator, still, "mu"), "a parent with mu 0 never mutates mu");
    }

    @Test
    void removingLayersDropsTheirAdapters() {
        Mutator mutator = new Mutator(space(1.0, List.of(1.0)), false, MutationRates.GLOBAL);
        Path parent = parent(Map.of("mu", 1.0), 3, new TreeSet<>(Set.of(0, 2)));
        Rng rng = new Rng(11);
        Set<Integer> depths = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutator.Child child = mutator.mutate(parent, mutator.sampleData(null, rng), rng);
            int layers = child.hparams().getInt("num_layers");
            depths.add(layers);
            assertEquals(layers == 2 ? Set.of(0) : Set.of(0, 2), child.adapterLayers());
            assertEquals(layers == 2, child.mutations().contains("num_layers 3->2"));
        }
        assertEquals(Set.of(2, 3), depths);
    }

    @Test
    void theDepthComesFromTheParentsComponentsAndDataFromTheGeneration() {
        Mutator mutator = new Mutator(space(0.0, List.of(0.0)), false, MutationRates.GLOBAL);
        // the parent's recorded num_layers is stale; its two blocks decide
        Path parent = parent(Map.of("num_layers", 3, "ds_flip_left_right", true), 2, new TreeSet<>());
        Mutator.DataChoice data = new Mutator.DataChoice(
                new Hyperparameters(Map.of("ds_flip_left_right", false)), List.of("ds x"), MutationProbabilities.NONE);
        Mutator.Child child = mutator.mutate(parent, data, new Rng(1));
        assertEquals(2, child.hparams().getInt("num_layers"));
        assertEquals(false, child.hparams().get("ds_flip_left_right"));
        assertEquals(List.of("ds x"), child.mutations());
    }

    @Test
    void dataHyperparametersStartFromTheBestPathAndMutateWithItsRate() {
        Mutator mutator = new Mutator(space(0.0, List.of(0.0, 1.0)), false, MutationRates.GLOBAL);
        assertEquals(
                Map.of("ds_flip_left_right", true),
                mutator.sampleData(null, new Rng(1)).hparams().asMap());
        Path best = parent(Map.of("mu", 1.0, "ds_flip_left_right", true), 3, new TreeSet<>());
        Set<Object> flips = new HashSet<>();
        Rng rng = new Rng(2);
        for (int i = 0; i < 100; i++) {
            Mutator.DataChoice data = mutator.sampleData(best, rng);
            flips.add(data.hparams().get("ds_flip_left_right"));
            assertEquals(
                    data.hparams().get("ds_flip_left_right").equals(false),
                    data.mutations().equals(List.of("ds_flip_left_right true->false")));
        }
        assertEquals(Set.of(true, false), flips);
    }

    @Test
    void baselineChildrenAreTheDefaultsAtTheParentsDepth() {
        Mutator mutator = new Mutator(space(1.0, List.of(1.0)), true, MutationRates.GLOBAL);
        Mutator.Child plain = mutator.unmutated(parent(Map.of("opt_lr", 0.3), 3, new TreeSet<>()), 0);
        assertEquals(0.2, plain.hparams().getDouble("opt_lr"));
        assertEquals(Set.of(), plain.adapterLayers());
        assertEquals(List.of(), plain.mutations());
        Mutator.Child adapters = mutator.unmutated(parent(Map.of(), 3, new TreeSet<>()), 8);
        assertEquals(Set.of(0, 1, 2), adapters.adapterLayers());
        assertEquals(8, adapters.hparams().getInt("adapter_dim"));
    }
}
