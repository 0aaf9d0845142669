package munet.jobs.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import munet.evolution.CandidateResult;
import munet.evolution.GenerationDiagnostics;
import munet.evolution.IterationDiagnostics;
import munet.evolution.Scorer;
import munet.system.Component;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;

/**
 * One (variant, task) result of {@code bench compare}. {@code newParams} are the parameters the
 * task added to the pool (components it owned alone when it was committed), {@code accountedParams}
 * its share of its path in the final system (a component shared by n tasks counts 1/n),
 * {@code trainableParams} the mean over its candidates of the parameters they trained,
 * {@code reusesFrom} where the components it shares come from: {@code root} for the root's, else
 * the earlier tasks that own them (a shared root component names only the root, although
 * earlier tasks use it too). {@code seed} is the repetition ({@code run/rendering}), {@code budget}
 * a baseline's budget ({@code total}, {@code lineage} or a count of candidates).
 */
record CompareRow(
        String seed,
        String variant,
        String budget,
        String task,
        double testAccuracy,
        double validationAccuracy,
        long pathParams,
        double accountedParams,
        long newParams,
        long trainableParams,
        int candidates,
        long imagesTrained,
        double seconds,
        List<String> reusesFrom,
        Diagnostics diagnostics) {

    /**
     * How the task's iteration went: the share of candidates that beat their own task's parent (NaN
     * when none had one), the committed path's lineage in this iteration (paths and training
     * images), and the components its candidates trained and cloned, per candidate.
     */
    record Diagnostics(
            double improvedShare,
            double lineageDepth,
            long lineageImages,
            double trainableComponents,
            double clonedComponents) {

        static Diagnostics of(IterationDiagnostics iteration) {
            double candidates = Math.max(1, iteration.candidates());
            return new Diagnostics(
                    iteration.improvedShare(),
                    iteration.lineageDepth(),
                    iteration.lineageImages(),
                    iteration.generations().stream()
                                    .mapToInt(GenerationDiagnostics::trainableComponents)
                                    .sum()
                            / candidates,
                    iteration.generations().stream()
                                    .mapToInt(GenerationDiagnostics::clonedComponents)
                                    .sum()
                            / candidates);
        }
    }

    CompareRow {
        reusesFrom = List.copyOf(reusesFrom);
    }

    /** The rows of one variant's run, in the order its tasks were committed. */
    static List<CompareRow> of(
            CompareSeed seed, CompareVariant variant, String budget, VariantRecorder recorder, SystemState end) {
        List<CompareRow> rows = new ArrayList<>();
        for (VariantRecorder.TaskCommit commit : recorder.commits()) {
            String task = commit.task();
            Path atCommit = commit.committed().bestPaths().get(task);
            Path last = end.bestPaths().get(task);
            Set<String> rootIds = new HashSet<>();
            commit.committed().rootPaths().forEach(root -> rootIds.addAll(root.componentIds()));
            long total = 0;
            long own = 0;
            Set<String> from = new TreeSet<>();
            for (String id : atCommit.componentIds()) {
                Component component = commit.committed().component(id);
                total += component.paramCount();
                own += component.isTrainableFor(task) ? component.paramCount() : 0;
                if (rootIds.contains(id)) {
                    from.add(Task.ROOT);
                } else if (!component.isTrainableFor(task)) {
                    component.owners().stream()
                            .filter(owner -> !owner.equals(task))
                            .forEach(from::add);
                }
            }
            Scorer scorer = new Scorer(variant.scoreBase(), end.rootParams(), task);
            double accounted = scorer.accountedParams(last, end::component);
            List<CandidateResult> trained = recorder.candidatesOf(task);
            long trainable = Math.round(trained.stream()
                    .mapToLong(CandidateResult::trainableParams)
                    .average()
                    .orElse(0));
            long images =
                    trained.stream().mapToLong(CandidateResult::imagesTrained).sum();
            rows.add(new CompareRow(
                    seed.label(),
                    variant.name(),
                    variant.policy().evolving() ? "" : budget,
                    task,
                    last.testQuality(),
                    last.quality(),
                    total,
                    accounted,
                    own,
                    trainable,
                    trained.size(),
                    images,
                    commit.seconds(),
                    List.copyOf(from),
                    Diagnostics.of(recorder.diagnosticsOf(task))));
        }
        return rows;
    }
}
