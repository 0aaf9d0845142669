package munet.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import munet.evolution.CandidateSpec;
import munet.evolution.ComponentSlot;
import munet.system.InputNormalisation;

/**
 * What candidates must have in common to train together, each exactly as it would alone: the
 * same batches (dataset, {@code ds_*} hyperparameters, normalisation, batch seed and steps) and the same frozen components
 * below their first trainable one, which are then computed once per batch for all of them.
 * Candidates whose keys are equal may go to {@link CandidateTrainer#trainTogether}.
 */
public record SharedTrainingKey(
        String dataset,
        Map<String, Object> dataHparams,
        InputNormalisation normalisation,
        long batchSeed,
        int budgetScale,
        List<String> frozenPrefix) {

    /** The hyperparameters that shape the batches: image size, crop, flip and colour jitter. */
    private static final String DATA_PREFIX = "ds_";

    public SharedTrainingKey {
        dataHparams = Map.copyOf(dataHparams);
        frozenPrefix = List.copyOf(frozenPrefix);
    }

    /**
     * The candidates as groups of equal keys, in the order they first appear, split in halves
     * (largest group first) until there are {@code tasks} groups or every group is one candidate:
     * the work of a generation's Spark tasks, each group trained together by one of them.
     */
    public static List<List<CandidateSpec>> groups(List<CandidateSpec> specs, int tasks) {
        Map<SharedTrainingKey, List<CandidateSpec>> byKey = new LinkedHashMap<>();
        specs.forEach(
                spec -> byKey.computeIfAbsent(of(spec), k -> new ArrayList<>()).add(spec));
        List<List<CandidateSpec>> groups = new ArrayList<>(byKey.values());
        while (!groups.isEmpty() && groups.size() < tasks) {
            int largest = 0;
            for (int i = 1; i < groups.size(); i++) {
                if (groups.get(i).size() > groups.get(largest).size()) {
                    largest = i;
                }
            }
            List<CandidateSpec> group = groups.get(largest);
            if (group.size() < 2) {
                break;
            }
            int half = (group.size() + 1) / 2;
            groups.set(largest, new ArrayList<>(group.subList(0, half)));
            groups.add(largest + 1, new ArrayList<>(group.subList(half, group.size())));
        }
        return groups;
    }

    public static SharedTrainingKey of(CandidateSpec spec) {
        List<String> prefix = new ArrayList<>();
        for (ComponentSlot slot : spec.slots()) {
            if (!(slot.source() instanceof ComponentSlot.Frozen frozen)) {
                break;
            }
            prefix.add(frozen.componentId());
        }
        Map<String, Object> data = new TreeMap<>(spec.hparams().asMap());
        data.keySet().removeIf(key -> !key.startsWith(DATA_PREFIX));
        return new SharedTrainingKey(
                spec.task().datasetUri(), data, spec.normalisation(), spec.seed(), spec.budgetScale(), prefix);
    }
}
