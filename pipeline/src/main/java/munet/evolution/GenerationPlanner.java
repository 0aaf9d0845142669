package munet.evolution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import munet.system.HyperparameterSpace;
import munet.system.Path;
import munet.system.Task;

/**
 * Plans one generation of the active task: its shared data hyperparameters, then for each
 * candidate a parent, a mutated child, its components and its score terms. Baseline policies
 * plan one unmutated child of the root path instead.
 */
final class GenerationPlanner {

    /** The generation's candidates, and the parent bookkeeping after sampling them. */
    record Plan(List<CandidateSpec> specs, Map<String, Integer> offspring, List<String> seedOrder) {}

    private final EvolutionSettings settings;
    private final Mutator mutator;

    GenerationPlanner(EvolutionSettings settings, HyperparameterSpace space) {
        this.settings = settings;
        this.mutator = new Mutator(space, settings.adapters(), settings.mutationRates());
    }

    Plan plan(Task task, Population population, Scorer scorer, Rng rng) {
        IterationState state = population.state();
        ComponentAssembler assembler =
                new ComponentAssembler(population.system().architecture(), settings);
        Map<String, Integer> offspring = new HashMap<>(state.offspring());
        List<Path> seeds = state.seedOrder().stream().map(population::path).toList();
        List<Path> bestFirst = population.bestFirst();
        boolean evolving = settings.policy().evolving();
        Mutator.DataChoice data = evolving ? mutator.sampleData(population.best(), rng) : null;
        List<CandidateSpec> specs = new ArrayList<>();
        for (int i = 0; i < settings.candidatesIn(state.nextGeneration()); i++) {
            Path parent;
            Mutator.Child child;
            if (evolving) {
                ParentSampler.Pick pick = ParentSampler.sample(bestFirst, seeds, offspring, rng);
                parent = pick.parent();
                seeds = pick.seeds();
                offspring.merge(parent.id(), 1, Integer::sum);
                child = mutator.mutate(parent, data, rng);
            } else {
                parent = population.system().rootPaths().get(0);
                child = mutator.unmutated(parent, settings.policy().adapterDim());
            }
            ComponentAssembler.Assembly assembly = assembler.assemble(task, parent, child, population, rng);
            long seed = rng.nextLong(); // drawn either way, so that shared batches change nothing else
            double scoreToBeat =
                    parent.task().equals(task.name()) ? population.score(parent) : Double.NEGATIVE_INFINITY;
            specs.add(new CandidateSpec(
                    candidateId(state, i),
                    task,
                    state.pass(),
                    state.nextGeneration(),
                    parent.id(),
                    assembly.slots(),
                    child.hparams(),
                    child.mutations(),
                    assembly.probabilities(),
                    settings.sharedBatches() && i > 0 ? specs.get(0).seed() : seed,
                    scorer.factorOf(assembly.slots(), population::component),
                    scoreToBeat,
                    settings.budgetScale(),
                    population.system().architecture().normalisation()));
        }
        return new Plan(specs, offspring, seeds.stream().map(Path::id).toList());
    }

    /** Deterministic, and unique in the store: each iteration starts from its own system version. */
    static String candidateId(IterationState state, int index) {
        return state.task() + "-v" + state.baseVersion() + "-p" + state.pass() + "-g" + state.nextGeneration() + "-c"
                + index;
    }
}
