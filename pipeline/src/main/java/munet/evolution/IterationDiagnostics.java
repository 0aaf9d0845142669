package munet.evolution;

import java.util.List;

/**
 * How an active-task iteration went, for judging the method rather than the system: whether
 * children beat their parents, how deep and how long the committed path's lineage trained, what
 * its candidates trained, and how far validation overrates the committed path.
 *
 * @param baseVersion the system version the iteration started from (it committed the next one)
 * @param committedPathId the task's path after the iteration (its previous one if no candidate beat it)
 * @param lineageDepth paths of this iteration along the committed path's lineage, the path included (0: the previous path was kept)
 * @param lineageImages training images of those paths together: what the committed path trained on in this iteration
 * @param validationQuality the committed path's validation accuracy, the one selection saw
 * @param testQuality its test accuracy
 */
public record IterationDiagnostics(
        String task,
        int pass,
        long baseVersion,
        List<GenerationDiagnostics> generations,
        String committedPathId,
        int lineageDepth,
        long lineageImages,
        double validationQuality,
        double testQuality) {

    public IterationDiagnostics {
        generations = List.copyOf(generations);
    }

    public int candidates() {
        return generations.stream().mapToInt(GenerationDiagnostics::candidates).sum();
    }

    /** Of the candidates whose parent was a path of the task itself, the share that beat it; NaN if there were none. */
    public double improvedShare() {
        int withOwnParent = generations.stream()
                .mapToInt(GenerationDiagnostics::withOwnParent)
                .sum();
        int improved = generations.stream()
                .mapToInt(GenerationDiagnostics::improvedOnOwnParent)
                .sum();
        return withOwnParent == 0 ? Double.NaN : improved / (double) withOwnParent;
    }

    /** Validation minus test accuracy of the committed path: how much selection on validation flatters it. */
    public double validationTestGap() {
        return validationQuality - testQuality;
    }
}
