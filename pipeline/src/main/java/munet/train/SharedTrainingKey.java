package munet.train;

import java.util.ArrayList;
import java.util.List;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;

/**
 * What candidates must have in common to train together, each exactly as it would alone: the
 * same batches (dataset, preprocessing, batch seed and steps) and the same frozen components
 * below their first trainable one, which are then computed once per batch for all of them.
 * Candidates whose keys are equal may go to {@link CandidateTrainer#trainTogether}.
 */
public record SharedTrainingKey(
        String dataset, ImagePreprocessor preprocessor, long batchSeed, int budgetScale, List<String> frozenPrefix) {

    public SharedTrainingKey {
        frozenPrefix = List.copyOf(frozenPrefix);
    }

    public static SharedTrainingKey of(CandidateSpec spec) {
        List<String> prefix = new ArrayList<>();
        for (ComponentSlot slot : spec.slots()) {
            if (!(slot.source() instanceof ComponentSlot.Frozen frozen)) {
                break;
            }
            prefix.add(frozen.componentId());
        }
        return new SharedTrainingKey(
                spec.task().datasetUri(),
                ImagePreprocessor.of(spec.hparams(), spec.normalisation()),
                spec.seed(),
                spec.budgetScale(),
                prefix);
    }
}
