package munet.evolution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.HyperparameterSpace;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;

/**
 * Mutation: every hyperparameter may move one step up or down its allowed list, and an adapter
 * may be inserted before each encoder block; {@link MutationRates} decides each such action with
 * the child's {@code mu} (itself mutated first, with the parent's) or with the probability its
 * lineage learned. Every change is recorded as a short readable string such as
 * {@code opt_lr 0.01->0.02} or {@code adapter+ 1}.
 */
public final class Mutator {
    /** A child's hyperparameters, where its adapters sit, what changed from its parent, and its mutation probabilities so far. */
    public record Child(
            Hyperparameters hparams,
            SortedSet<Integer> adapterLayers,
            List<String> mutations,
            MutationProbabilities probabilities) {
        public Child {
            adapterLayers = Collections.unmodifiableSortedSet(new TreeSet<>(adapterLayers));
            mutations = List.copyOf(mutations);
        }
    }

    /** The data hyperparameters ({@code ds_*}) one generation shares, how they were mutated, and the probabilities that decided it. */
    public record DataChoice(Hyperparameters hparams, List<String> mutations, MutationProbabilities probabilities) {
        public DataChoice {
            mutations = List.copyOf(mutations);
        }
    }

    private static final String DATA_ACTIONS = MutationProbabilities.hyperparameter(Hyperparameter.DATA_PREFIX);

    private final HyperparameterSpace space;
    private final boolean adapters;
    private final MutationRates rates;

    public Mutator(HyperparameterSpace space, boolean adapters, MutationRates rates) {
        this.space = space;
        this.adapters = adapters;
        this.rates = rates;
    }

    /** The generation's data hyperparameters: those of {@code source} (the task's best path, or null), each mutated as its mu or probability says. */
    public DataChoice sampleData(Path source, Rng rng) {
        Hyperparameters from =
                source == null ? space.defaults() : space.defaults().withAll(source.hparams());
        Draft draft = new Draft(from, source == null ? MutationProbabilities.NONE : source.mutationProbabilities());
        double mu = from.getDouble(Hyperparameter.MU);
        TreeMap<String, Object> data = new TreeMap<>();
        for (String key : space.allowed().keySet()) {
            if (Hyperparameter.isData(key)) {
                draft.maybeStep(key, mu, rng);
                data.put(key, draft.hparams.get(key));
            }
        }
        return new DataChoice(
                new Hyperparameters(data), draft.mutations, draft.probabilities.startingWith(DATA_ACTIONS));
    }

    /** A child of {@code parent} trained on the generation's {@code data}. */
    public Child mutate(Path parent, DataChoice data, Rng rng) {
        Draft draft = new Draft(inherited(parent), parent.mutationProbabilities());
        draft.maybeStep(Hyperparameter.MU.key(), draft.hparams.getDouble(Hyperparameter.MU), rng);
        double mu = draft.hparams.getDouble(Hyperparameter.MU);
        for (String key : space.allowed().keySet()) {
            if (!key.equals(Hyperparameter.MU.key()) && !Hyperparameter.isData(key)) {
                draft.maybeStep(key, mu, rng);
            }
        }
        draft.mutations.addAll(data.mutations());
        Hyperparameters hparams = draft.hparams.withAll(data.hparams());
        draft.probabilities = draft.probabilities.withAll(data.probabilities());
        int layers = hparams.getInt(Hyperparameter.NUM_LAYERS);
        SortedSet<Integer> adapterLayers = new TreeSet<>(
                ComponentNames.adapterLayers(parent.componentNames()).headSet(layers));
        for (int layer = 0; adapters && layer < layers; layer++) {
            if (!adapterLayers.contains(layer)
                    && draft.happens(MutationProbabilities.adapterInsertion(layer), mu, rng)) {
                adapterLayers.add(layer);
                draft.mutations.add("adapter+ " + layer);
            }
        }
        return new Child(hparams, adapterLayers, draft.mutations, draft.probabilities);
    }

    /** A baseline's child: the defaults at the parent's depth, with adapters of width {@code adapterDim} everywhere if positive. */
    public Child unmutated(Path parent, int adapterDim) {
        int layers = layersOf(parent);
        Hyperparameters hparams = space.defaults().with(Hyperparameter.NUM_LAYERS, layers);
        SortedSet<Integer> adapterLayers = new TreeSet<>();
        if (adapterDim > 0) {
            hparams = hparams.with(Hyperparameter.ADAPTER_DIM, adapterDim);
            for (int layer = 0; layer < layers; layer++) {
                adapterLayers.add(layer);
            }
        }
        return new Child(hparams, adapterLayers, List.of(), MutationProbabilities.NONE);
    }

    /** The parent's hyperparameters, completed by the defaults; its depth is what its components say. */
    private Hyperparameters inherited(Path parent) {
        return space.defaults().withAll(parent.hparams()).with(Hyperparameter.NUM_LAYERS, layersOf(parent));
    }

    private static int layersOf(Path path) {
        return (int) path.componentNames().stream()
                .filter(n -> ComponentKind.ofName(n) == ComponentKind.ENCODER_BLOCK)
                .count();
    }

    /** A child being mutated: its hyperparameters, mutation probabilities and recorded changes so far. */
    private final class Draft {
        private Hyperparameters hparams;
        private MutationProbabilities probabilities;
        private final List<String> mutations = new ArrayList<>();

        Draft(Hyperparameters hparams, MutationProbabilities probabilities) {
            this.hparams = hparams;
            this.probabilities = probabilities;
        }

        boolean happens(String action, double mu, Rng rng) {
            MutationRates.Decision decision = rates.decide(action, probabilities, mu, rng);
            probabilities = decision.probabilities();
            return decision.happens();
        }

        void maybeStep(String key, double mu, Rng rng) {
            // a fixed hyperparameter is no action to learn; the global rate draws for it anyway, as it always has
            boolean fixed = space.allowedValues(key).size() < 2;
            if (fixed && rates.mode() == MutationRates.Mode.LEARNED
                    || !happens(MutationProbabilities.hyperparameter(key), mu, rng)) {
                return;
            }
            Object from = hparams.get(key);
            Object to = space.step(key, from, rng.chance(0.5) ? 1 : -1);
            if (!to.equals(from)) {
                mutations.add(key + " " + from + "->" + to);
            }
            hparams = hparams.with(key, to);
        }
    }
}
