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
import munet.system.Path;

/**
 * Mutation: every hyperparameter moves one step up or down its allowed list with probability
 * {@code mu}, the child's own mutation rate (itself mutated first, with the parent's rate);
 * adapters are inserted before encoder blocks with the same probability. Every change is
 * recorded as a short readable string such as {@code opt_lr 0.01->0.02} or {@code adapter+ 1}.
 */
public final class Mutator {
  /** A child's hyperparameters, where its adapters sit, and what changed from its parent. */
  public record Child(Hyperparameters hparams, SortedSet<Integer> adapterLayers, List<String> mutations) {
    public Child {
      adapterLayers = Collections.unmodifiableSortedSet(new TreeSet<>(adapterLayers));
      mutations = List.copyOf(mutations);
    }
  }

  /** The data hyperparameters ({@code ds_*}) one generation shares, and how they were mutated. */
  public record DataChoice(Hyperparameters hparams, List<String> mutations) {
    public DataChoice {
      mutations = List.copyOf(mutations);
    }
  }

  private final HyperparameterSpace space;
  private final boolean adapters;

  public Mutator(HyperparameterSpace space, boolean adapters) {
    this.space = space;
    this.adapters = adapters;
  }

  /** The generation's data hyperparameters: those of {@code source} (the task's best path, or null), each mutated w.p. its mu. */
  public DataChoice sampleData(Path source, Rng rng) {
    Hyperparameters from = source == null ? space.defaults() : space.defaults().withAll(source.hparams());
    double mu = from.getDouble(Hyperparameter.MU);
    List<String> mutations = new ArrayList<>();
    TreeMap<String, Object> data = new TreeMap<>();
    for (String key : space.allowed().keySet()) {
      if (Hyperparameter.isData(key)) {
        data.put(key, mutated(from, key, mu, rng, mutations).get(key));
      }
    }
    return new DataChoice(new Hyperparameters(data), mutations);
  }

  /** A child of {@code parent} trained on the generation's {@code data}. */
  public Child mutate(Path parent, DataChoice data, Rng rng) {
    List<String> mutations = new ArrayList<>();
    Hyperparameters hparams = inherited(parent);
    hparams = mutated(hparams, Hyperparameter.MU.key(), hparams.getDouble(Hyperparameter.MU), rng, mutations);
    double mu = hparams.getDouble(Hyperparameter.MU);
    for (String key : space.allowed().keySet()) {
      if (!key.equals(Hyperparameter.MU.key()) && !Hyperparameter.isData(key)) {
        hparams = mutated(hparams, key, mu, rng, mutations);
      }
    }
    mutations.addAll(data.mutations());
    hparams = hparams.withAll(data.hparams());
    int layers = hparams.getInt(Hyperparameter.NUM_LAYERS);
    SortedSet<Integer> adapterLayers = new TreeSet<>(ComponentNames.adapterLayers(parent.componentNames()).headSet(layers));
    for (int layer = 0; adapters && layer < layers; layer++) {
      if (!adapterLayers.contains(layer) && rng.chance(mu)) {
        adapterLayers.add(layer);
        mutations.add("adapter+ " + layer);
      }
    }
    return new Child(hparams, adapterLayers, mutations);
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
    return new Child(hparams, adapterLayers, List.of());
  }

  /** The parent's hyperparameters, completed by the defaults; its depth is what its components say. */
  private Hyperparameters inherited(Path parent) {
    return space.defaults().withAll(parent.hparams()).with(Hyperparameter.NUM_LAYERS, layersOf(parent));
  }

  private static int layersOf(Path path) {
    return (int) path.componentNames().stream().filter(n -> ComponentKind.ofName(n) == ComponentKind.ENCODER_BLOCK).count();
  }

  private Hyperparameters mutated(Hyperparameters hparams, String key, double probability, Rng rng, List<String> mutations) {
    if (!rng.chance(probability)) {
      return hparams;
    }
    Object from = hparams.get(key);
    Object to = space.step(key, from, rng.chance(0.5) ? 1 : -1);
    if (!to.equals(from)) {
      mutations.add(key + " " + from + "->" + to);
    }
    return hparams.with(key, to);
  }
}
