package munet.evolution;

import java.util.ArrayList;
import java.util.List;
import munet.evolution.ComponentSlot.Source;
import munet.system.Component;
import munet.system.ComponentKind;
import munet.system.ComponentNames;
import munet.system.Hyperparameter;
import munet.system.Hyperparameters;
import munet.system.MutationProbabilities;
import munet.system.Path;
import munet.system.Task;
import munet.system.VitArchitecture;

/**
 * Component assembly: for every component a child's architecture needs, the nearest one with
 * that name and shape along the parent's lineage is reused, frozen (shared by reference) or
 * cloned (a trainable copy owned by the active task alone); whether a frozen one is cloned is a
 * mutation action that {@link MutationRates} decides. Missing position embeddings are
 * resampled from the root's; anything else missing starts fresh.
 */
public final class ComponentAssembler {
    private final VitArchitecture architecture;
    private final EvolutionSettings settings;

    public ComponentAssembler(VitArchitecture architecture, EvolutionSettings settings) {
        this.architecture = architecture;
        this.settings = settings;
    }

    /** A child's slots, and its mutation probabilities after its clone decisions. */
    public record Assembly(List<ComponentSlot> slots, MutationProbabilities probabilities) {
        public Assembly {
            slots = List.copyOf(slots);
        }
    }

    public Assembly assemble(Task task, Path parent, Mutator.Child child, Population known, Rng rng) {
        Hyperparameters hparams = child.hparams();
        int imageSize = hparams.getInt(Hyperparameter.DS_IMAGE_SIZE);
        int adapterDim = hparams.getInt(Hyperparameter.ADAPTER_DIM);
        double mu = hparams.getDouble(Hyperparameter.MU);
        MutationProbabilities probabilities = child.probabilities();
        List<Path> lineage = known.lineage(parent);
        List<ComponentSlot> slots = new ArrayList<>();
        for (String name : ComponentNames.ofPath(hparams.getInt(Hyperparameter.NUM_LAYERS), child.adapterLayers())) {
            List<Integer> shape = architecture.shapeOf(name, imageSize, adapterDim, task.numClasses());
            Component found = find(name, shape, task.name(), lineage, known);
            Source source;
            if (found == null) {
                source = missing(name, known);
            } else if (cloneIsAChoice(found, task.name())) {
                MutationRates.Decision clone =
                        settings.mutationRates().decide(MutationProbabilities.clone(name), probabilities, mu, rng);
                probabilities = clone.probabilities();
                source = reused(found, clone.happens());
            } else {
                source = reused(
                        found,
                        settings.policy().evolving() || !settings.policy().freezes(name));
            }
            slots.add(new ComponentSlot(name, ComponentKind.ofName(name), shape, source));
        }
        return new Assembly(slots, probabilities);
    }

    /** Evolution clones what the task trains already and what is forced; only the rest is a mutation action. */
    private boolean cloneIsAChoice(Component found, String task) {
        return settings.policy().evolving()
                && !found.isTrainableFor(task)
                && !settings.forceClone().contains(found.name());
    }

    private static Source reused(Component found, boolean cloned) {
        return cloned ? new ComponentSlot.Clone(found.id()) : new ComponentSlot.Frozen(found.id());
    }

    /** The first component with this name and shape along the lineage (the parent first); heads of other tasks (and the root's) do not count. */
    private static Component find(String name, List<Integer> shape, String task, List<Path> lineage, Population known) {
        for (Path path : lineage) {
            String id = path.componentId(name);
            if (id != null) {
                Component component = known.component(id);
                boolean foreignHead = component.kind() == ComponentKind.HEAD
                        && !component.owners().contains(task);
                if (component.shape().equals(shape) && !foreignHead) {
                    return component;
                }
            }
        }
        return null;
    }

    private static Source missing(String name, Population known) {
        String rootEmbedding = known.system().rootPaths().get(0).componentId(ComponentNames.POSITION_EMBEDDING);
        return name.equals(ComponentNames.POSITION_EMBEDDING) && rootEmbedding != null
                ? new ComponentSlot.Resample(rootEmbedding)
                : new ComponentSlot.Fresh();
    }
}
