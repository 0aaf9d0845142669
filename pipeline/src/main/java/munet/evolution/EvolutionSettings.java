package munet.evolution;

import java.util.Set;
import munet.system.ComponentKind;

/**
 * The evolution knobs of a run. An active-task iteration trains {@code samplesPerTask}
 * candidates in generations of {@code candidatesPerGeneration} (the last one smaller if they do
 * not divide); a baseline policy trains one candidate with the whole budget instead.
 *
 * @param scoreBase the base of the size penalty: 1 ignores size, below 1 favours fewer new parameters
 * @param forceClone component names that are always cloned, never referenced
 * @param adapters whether mutation may insert residual adapters
 * @param mutationRates whether each mutation action happens with the path's {@code mu} or with a probability its lineage learned
 * @param baselineBudget how many candidates' training a baseline's single candidate gets:
 *     {@link #TOTAL_BUDGET} (all of µ2Net's images per task), {@link #LINEAGE_BUDGET} (as many as
 *     µ2Net's longest possible lineage, one candidate per generation: the papers' rule), or a count
 * @param sharedBatches whether every candidate of a generation gets the generation's first seed,
 *     and so the same batches (a generation already shares its data hyperparameters): candidates
 *     that also share a frozen prefix then train together, computing it once per batch
 */
public record EvolutionSettings(
        int samplesPerTask,
        int candidatesPerGeneration,
        double scoreBase,
        Set<String> forceClone,
        boolean adapters,
        Policy policy,
        MutationRates mutationRates,
        int baselineBudget,
        boolean sharedBatches) {
    public static final int TOTAL_BUDGET = 0;
    public static final int LINEAGE_BUDGET = -1;

    public EvolutionSettings {
        if (samplesPerTask < 1 || candidatesPerGeneration < 1) {
            throw new IllegalArgumentException("samples per task (" + samplesPerTask
                    + ") and candidates per generation (" + candidatesPerGeneration + ") must be >= 1");
        }
        checkedScoreBase(scoreBase);
        forceClone = Set.copyOf(forceClone);
        forceClone.forEach(ComponentKind::ofName);
        if (baselineBudget < LINEAGE_BUDGET) {
            throw new IllegalArgumentException("baseline budget must be >= 1 candidate, got " + baselineBudget);
        }
    }

    /** Settings whose baselines get the whole per-task budget and whose candidates each draw their own batches. */
    public EvolutionSettings(
            int samplesPerTask,
            int candidatesPerGeneration,
            double scoreBase,
            Set<String> forceClone,
            boolean adapters,
            Policy policy,
            MutationRates mutationRates) {
        this(
                samplesPerTask,
                candidatesPerGeneration,
                scoreBase,
                forceClone,
                adapters,
                policy,
                mutationRates,
                TOTAL_BUDGET,
                false);
    }

    /** The one check of a score base's range, wherever one is given (configuration, bench variants). */
    public static double checkedScoreBase(double scoreBase) {
        if (!(scoreBase > 0 && scoreBase <= 1)) {
            throw new IllegalArgumentException("score base must be in (0, 1], got " + scoreBase);
        }
        return scoreBase;
    }

    public int generations() {
        return policy.evolving() ? evolvingGenerations() : 1;
    }

    private int evolvingGenerations() {
        return (samplesPerTask + candidatesPerGeneration - 1) / candidatesPerGeneration;
    }

    public int candidatesIn(int generation) {
        return policy.evolving()
                ? Math.min(candidatesPerGeneration, samplesPerTask - generation * candidatesPerGeneration)
                : 1;
    }

    /** Training budget of one candidate, in candidates' training: a baseline's single candidate gets {@code baselineBudget}. */
    public int budgetScale() {
        if (policy.evolving()) {
            return 1;
        }
        return switch (baselineBudget) {
            case TOTAL_BUDGET -> samplesPerTask;
            case LINEAGE_BUDGET -> evolvingGenerations();
            default -> baselineBudget;
        };
    }

    /** {@code total}, {@code lineage} or a positive count of candidates (as in munet.evolution.baseline-budget). */
    public static int parseBaselineBudget(String text) {
        return switch (text) {
            case "total" -> TOTAL_BUDGET;
            case "lineage" -> LINEAGE_BUDGET;
            default -> {
                try {
                    int count = Integer.parseInt(text);
                    if (count < 1) {
                        throw new IllegalArgumentException(
                                "baseline budget must be total, lineage or a count >= 1, got " + text);
                    }
                    yield count;
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(
                            "baseline budget must be total, lineage or a count >= 1, got '" + text + "'", e);
                }
            }
        };
    }
}
