package munet.evolution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import munet.system.ComponentNames;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import org.junit.jupiter.api.Test;

/** Mutation with learned per-action probabilities on the grid 0, 0.5, 1 (initial 0.5). */
class MutatorLearnedRatesTest {
    private static final int DRAWS = 300;
    private static final MutationRates LEARNED =
            new MutationRates(MutationRates.Mode.LEARNED, List.of(0.0, 0.5, 1.0), 0.5);

    /** mu fixed at {@code mu} (a one-value list, so no action), num_layers fixed at 3, opt_lr and one data key mutable. */
    private static Mutator mutator(double mu) {
        return new Mutator(
                new HyperparameterSpace(
                        Map.of(
                                "mu",
                                List.of(mu),
                                "num_layers",
                                List.of(3),
                                "opt_lr",
                                List.of(0.1, 0.2, 0.3),
                                "ds_flip_left_right",
                                List.of(false, true)),
                        new Hyperparameters(
                                Map.of("mu", mu, "num_layers", 3, "opt_lr", 0.2, "ds_flip_left_right", true))),
                true,
                LEARNED);
    }

    private static Path parent(Map<String, Double> probabilities) {
        List<String> names = ComponentNames.ofPath(3, new TreeSet<>());
        return new Path(
                "parent",
                "A",
                names.stream().map(n -> "id-" + n).toList(),
                names,
                new Hyperparameters(Map.of()),
                null,
                0.5,
                Double.NaN,
                null,
                new MutationProbabilities(new TreeMap<>(probabilities)));
    }

    private static final Mutator.DataChoice NO_DATA =
            new Mutator.DataChoice(new Hyperparameters(Map.of()), List.of(), MutationProbabilities.NONE);

    @Test
    void eachActionHappensWithItsOwnProbabilityWhichTheChildInheritsExactlyWhenMuIsZero() {
        Mutator mutator = mutator(0.0);
        Map<String, Double> taught =
                Map.of("hp:opt_lr", 1.0, "adapter+:0", 1.0, "adapter+:1", 0.0, "clone:encoderblock_0", 1.0);
        Path parent = parent(taught);
        Rng rng = new Rng(3);
        Set<Boolean> adapterBeforeBlock2 = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutator.Child child = mutator.mutate(parent, NO_DATA, rng);
            assertTrue(child.hparams().getDouble("opt_lr") != 0.2, "opt_lr always moves");
            assertTrue(
                    child.adapterLayers().contains(0) && !child.adapterLayers().contains(1),
                    child.adapterLayers().toString());
            adapterBeforeBlock2.add(child.adapterLayers().contains(2));
            TreeMap<String, Double> expected = new TreeMap<>(taught);
            expected.put("adapter+:2", 0.5);
            assertEquals(
                    new MutationProbabilities(expected),
                    child.probabilities(),
                    "inherited as they were; the adapter before block 2, never decided before, at the initial probability;"
                            + " the fixed mu and num_layers are no actions");
        }
        assertEquals(Set.of(true, false), adapterBeforeBlock2);
    }

    @Test
    void withMuOneAProbabilityMovesBeforeItDecides() {
        Mutator mutator = mutator(1.0);
        Path parent = parent(Map.of("hp:opt_lr", 0.5));
        Rng rng = new Rng(8);
        Set<Double> learned = new HashSet<>();
        for (int i = 0; i < DRAWS; i++) {
            Mutator.Child child = mutator.mutate(parent, NO_DATA, rng);
            double p = child.probabilities().of("hp:opt_lr", -1);
            learned.add(p);
            assertEquals(
                    p == 1.0,
                    child.hparams().getDouble("opt_lr") != 0.2,
                    "the moved probability, 0 or 1, is the one used");
        }
        assertEquals(Set.of(0.0, 1.0), learned);
    }

    @Test
    void dataProbabilitiesComeFromTheBestPathAndReachEveryChildOfTheGeneration() {
        Mutator mutator = mutator(0.0);
        Path best = parent(Map.of("hp:ds_flip_left_right", 1.0, "hp:opt_lr", 0.0));
        Mutator.DataChoice data = mutator.sampleData(best, new Rng(1));
        assertEquals(Map.of("ds_flip_left_right", false), data.hparams().asMap());
        assertEquals(
                new MutationProbabilities(new TreeMap<>(Map.of("hp:ds_flip_left_right", 1.0))),
                data.probabilities(),
                "only the data actions: the others stay with each parent");
        Mutator.Child child =
                mutator.mutate(parent(Map.of("hp:ds_flip_left_right", 0.0, "hp:opt_lr", 1.0)), data, new Rng(2));
        assertEquals(1.0, child.probabilities().of("hp:ds_flip_left_right", -1));
        assertEquals(1.0, child.probabilities().of("hp:opt_lr", -1));
    }
}
