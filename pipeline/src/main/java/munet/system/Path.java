package munet.system;

import java.util.List;
import java.util.Objects;

/**
 * A task's model: its ordered components (by id) and the hyperparameters it was trained with.
 * {@code parentId} is the path it was mutated from (null for a root path), which is how
 * component assembly walks ancestors. {@code quality} is validation accuracy (NaN until
 * measured); {@code testQuality} and {@code testDigest} (a digest of the test-split predictions)
 * are set when a committed path is evaluated. {@code mutationProbabilities} are what its lineage
 * learned about mutating (empty unless the run learns them); its children inherit them.
 */
public record Path(
        String id,
        String task,
        List<String> componentIds,
        List<String> componentNames,
        Hyperparameters hparams,
        String parentId,
        double quality,
        double testQuality,
        String testDigest,
        MutationProbabilities mutationProbabilities) {

    /** A path without learned mutation probabilities. */
    public Path(
            String id,
            String task,
            List<String> componentIds,
            List<String> componentNames,
            Hyperparameters hparams,
            String parentId,
            double quality,
            double testQuality,
            String testDigest) {
        this(
                id,
                task,
                componentIds,
                componentNames,
                hparams,
                parentId,
                quality,
                testQuality,
                testDigest,
                MutationProbabilities.NONE);
    }

    public Path {
        Objects.requireNonNull(id, "path id");
        Objects.requireNonNull(task, "path task");
        componentIds = List.copyOf(componentIds);
        componentNames = List.copyOf(componentNames);
        Objects.requireNonNull(hparams, "path hyperparameters");
        // a checkpoint saved before paths carried probabilities has none
        mutationProbabilities = mutationProbabilities == null ? MutationProbabilities.NONE : mutationProbabilities;
        if (componentIds.size() != componentNames.size()) {
            throw new IllegalArgumentException("path " + id + " has " + componentIds.size() + " component ids but "
                    + componentNames.size() + " names");
        }
    }

    /** A path before its test split is evaluated (no test quality, no test digest yet). */
    public static Path untested(
            String id,
            String task,
            List<String> componentIds,
            List<String> componentNames,
            Hyperparameters hparams,
            String parentId,
            double quality) {
        return untested(id, task, componentIds, componentNames, hparams, parentId, quality, MutationProbabilities.NONE);
    }

    /** An untested path that carries the mutation probabilities its lineage learned. */
    public static Path untested(
            String id,
            String task,
            List<String> componentIds,
            List<String> componentNames,
            Hyperparameters hparams,
            String parentId,
            double quality,
            MutationProbabilities probabilities) {
        return new Path(
                id, task, componentIds, componentNames, hparams, parentId, quality, Double.NaN, null, probabilities);
    }

    /** The id of the component with this name, or null if the path has none. */
    public String componentId(String name) {
        int index = componentNames.indexOf(name);
        return index < 0 ? null : componentIds.get(index);
    }

    public Path withTest(double newTestQuality, String newTestDigest) {
        return new Path(
                id,
                task,
                componentIds,
                componentNames,
                hparams,
                parentId,
                quality,
                newTestQuality,
                newTestDigest,
                mutationProbabilities);
    }
}
