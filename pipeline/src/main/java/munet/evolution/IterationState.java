package munet.evolution;

import java.util.List;
import java.util.Map;
import munet.system.Component;
import munet.system.Path;

/**
 * Where the active task's iteration stands after a generation, saved so that a killed job
 * resumes at the next generation with the same population and random state.
 *
 * @param baseVersion the committed system version this iteration started from
 * @param nextGeneration index of the next generation to run (0-based)
 * @param population the active task's improved paths so far (its previous best path first)
 * @param newComponents components created in this iteration that some population or ancestor path uses
 * @param offspring children produced so far for the active task, by parent path id
 * @param seedOrder ids of the seed paths in their current rotation
 * @param rngState the run's random generator after the last finished generation
 * @param generationDiagnostics what each finished generation did
 * @param imagesTrained training images of each path this iteration selected, by path id
 */
public record IterationState(
        long baseVersion,
        String task,
        int pass,
        int nextGeneration,
        int generations,
        List<Path> population,
        List<Component> newComponents,
        Map<String, Integer> offspring,
        List<String> seedOrder,
        long rngState,
        List<GenerationDiagnostics> generationDiagnostics,
        Map<String, Long> imagesTrained) {

    public IterationState {
        population = List.copyOf(population);
        // a state saved before iterations kept diagnostics has none for its earlier generations
        generationDiagnostics = generationDiagnostics == null ? List.of() : List.copyOf(generationDiagnostics);
        imagesTrained = imagesTrained == null ? Map.of() : Map.copyOf(imagesTrained);
        newComponents = List.copyOf(newComponents);
        offspring = Map.copyOf(offspring);
        seedOrder = List.copyOf(seedOrder);
    }

    /** An iteration before its first generation: nothing created yet, no offspring counted. */
    public static IterationState begin(
            long baseVersion,
            String task,
            int pass,
            int generations,
            List<Path> population,
            List<String> seedOrder,
            long rngState) {
        return new IterationState(
                baseVersion,
                task,
                pass,
                0,
                generations,
                population,
                List.of(),
                Map.of(),
                seedOrder,
                rngState,
                List.of(),
                Map.of());
    }

    /** The same iteration one generation later. */
    public IterationState afterGeneration(
            List<Path> nextPopulation,
            List<Component> nextNewComponents,
            Map<String, Integer> nextOffspring,
            List<String> nextSeedOrder,
            long nextRngState,
            List<GenerationDiagnostics> nextGenerationDiagnostics,
            Map<String, Long> nextImagesTrained) {
        return new IterationState(
                baseVersion,
                task,
                pass,
                nextGeneration + 1,
                generations,
                nextPopulation,
                nextNewComponents,
                nextOffspring,
                nextSeedOrder,
                nextRngState,
                nextGenerationDiagnostics,
                nextImagesTrained);
    }

    public boolean finished() {
        return nextGeneration >= generations;
    }
}
