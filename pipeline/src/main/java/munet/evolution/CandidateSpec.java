package munet.evolution;

import java.util.ArrayList;
import java.util.List;
import munet.system.Component;
import munet.system.Hyperparameters;
import munet.system.InputNormalisation;
import munet.system.MutationProbabilities;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;

/**
 * Everything a learner needs to train one candidate, and nothing of the system around it: small
 * enough to ship to an executor. {@code scoreFactor} is {@code base ^ (accounted / root params)},
 * so the learner scores a validation as {@code quality * scoreFactor}; a snapshot is kept
 * whenever that is {@code >= scoreToBeat} and the best so far. {@code budgetScale} multiplies
 * the configured training steps: 1 for evolved candidates; a baseline that trains one candidate
 * per task gets the evolutionary run's whole per-task budget this way. {@code mutationProbabilities}
 * are the child's, as its mutation and assembly learned them: the learner ignores them, its path keeps them.
 * {@code normalisation} is the system's input normalisation, which every path of it trains and predicts with.
 */
public record CandidateSpec(
        String candidateId,
        Task task,
        int pass,
        int generation,
        String parentId,
        List<ComponentSlot> slots,
        Hyperparameters hparams,
        List<String> mutations,
        MutationProbabilities mutationProbabilities,
        long seed,
        double scoreFactor,
        double scoreToBeat,
        int budgetScale,
        InputNormalisation normalisation)
        implements java.io.Serializable {

    /** A candidate that learned no mutation probabilities: a baseline's, a root's pretraining, a committed path's. */
    public CandidateSpec(
            String candidateId,
            Task task,
            int pass,
            int generation,
            String parentId,
            List<ComponentSlot> slots,
            Hyperparameters hparams,
            List<String> mutations,
            long seed,
            double scoreFactor,
            double scoreToBeat,
            int budgetScale,
            InputNormalisation normalisation) {
        this(
                candidateId,
                task,
                pass,
                generation,
                parentId,
                slots,
                hparams,
                mutations,
                MutationProbabilities.NONE,
                seed,
                scoreFactor,
                scoreToBeat,
                budgetScale,
                normalisation);
    }

    public CandidateSpec {
        java.util.Objects.requireNonNull(normalisation, "input normalisation");
        if (budgetScale < 1) {
            throw new IllegalArgumentException("budget scale must be >= 1, got " + budgetScale);
        }
        slots = List.copyOf(slots);
        mutations = List.copyOf(mutations);
    }

    /**
     * A training run outside evolution (the root's pretraining, a benchmark): first pass and
     * generation, no mutations, no size penalty, and any validation score is kept.
     */
    public static CandidateSpec standalone(
            String candidateId,
            Task task,
            String parentId,
            List<ComponentSlot> slots,
            Hyperparameters hparams,
            long seed,
            int budgetScale) {
        return new CandidateSpec(
                candidateId,
                task,
                0,
                0,
                parentId,
                slots,
                hparams,
                List.of(),
                seed,
                1.0,
                Double.NEGATIVE_INFINITY,
                budgetScale,
                InputNormalisation.SIGNED);
    }

    /** A committed path as a spec of frozen slots: the form {@link Learner#test} takes. */
    public static CandidateSpec ofCommittedPath(SystemState system, Path path, int pass) {
        List<ComponentSlot> slots = new ArrayList<>();
        for (String id : path.componentIds()) {
            Component component = system.component(id);
            slots.add(new ComponentSlot(
                    component.name(), component.kind(), component.shape(), new ComponentSlot.Frozen(id)));
        }
        return new CandidateSpec(
                path.id(),
                system.task(path.task()),
                pass,
                -1,
                path.parentId(),
                slots,
                path.hparams(),
                List.of(),
                0L,
                1.0,
                Double.NEGATIVE_INFINITY,
                1,
                system.architecture().normalisation());
    }

    public List<String> componentNames() {
        return slots.stream().map(ComponentSlot::name).toList();
    }
}
