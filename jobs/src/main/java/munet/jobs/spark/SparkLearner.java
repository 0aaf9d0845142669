package munet.jobs.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.Learner;
import munet.evolution.TestResult;
import munet.train.SharedTrainingKey;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;

/**
 * Runs a generation on Spark: one Spark job, one Spark task per candidate, each trained by the
 * executor JVM's own learner. Only specs and small results cross the network; parameters move
 * between the executors and the store. Results come back in the order of the specs.
 */
public final class SparkLearner implements Learner {

    private final JavaSparkContext spark;
    private final ExecutorLearnerFactory factory;
    private final Supplier<String> progress;

    public SparkLearner(JavaSparkContext spark, ExecutorLearnerFactory factory) {
        this(spark, factory, () -> "");
    }

    /** {@code progress} (e.g. generation k/n, best score, ETA) prefixes every job description. */
    public SparkLearner(JavaSparkContext spark, ExecutorLearnerFactory factory, Supplier<String> progress) {
        this.spark = Objects.requireNonNull(spark, "spark context");
        this.factory = Objects.requireNonNull(factory, "executor learner factory");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /**
     * One Spark task per candidate, except that candidates which can train together (the same
     * batches and frozen prefix, see {@link SharedTrainingKey}) share a task while there are more
     * candidates than task slots: their batches and frozen prefix are then computed once. A retried
     * task trains only its own candidates again.
     */
    @Override
    public List<CandidateResult> train(List<CandidateSpec> candidates) {
        List<List<CandidateSpec>> groups = SharedTrainingKey.groups(candidates, spark.defaultParallelism());
        return CandidateResult.inOrderOf(
                candidates,
                runEach(groups, "train " + summary(candidates), (learner, group) -> all(learner.train(group), group)));
    }

    @Override
    public List<TestResult> test(List<CandidateSpec> paths) {
        List<List<CandidateSpec>> each = paths.stream().map(List::of).toList();
        return runEach(each, "test " + summary(paths), (learner, path) -> all(learner.test(path), path));
    }

    /** What the Spark UI shows for the job, e.g. {@code train task digits pass 1 generation 3: 8 candidates}. */
    static String summary(List<CandidateSpec> specs) {
        List<String> tasks = specs.stream().map(s -> s.task().name()).distinct().toList();
        List<String> steps = specs.stream()
                .map(s -> "pass " + s.pass() + " generation " + s.generation())
                .distinct()
                .toList();
        String where = tasks.size() == 1 ? "task " + tasks.get(0) : tasks.size() + " tasks";
        String when = steps.size() == 1 ? " " + steps.get(0) : "";
        return where + when + ": " + specs.size() + (specs.size() == 1 ? " candidate" : " candidates");
    }

    /** One Spark task per group of specs; the results of every group, in the order of the groups. */
    private <R> List<R> runEach(
            List<List<CandidateSpec>> groups,
            String description,
            Function2<Learner, List<CandidateSpec>, List<R>> work) {
        if (groups.isEmpty()) {
            return List.of();
        }
        String status = progress.get();
        SparkSessions.describeNextJobs(spark.sc(), "munet " + (status.isEmpty() ? "" : status + " | ") + description);
        ExecutorLearnerFactory executorFactory = factory; // the closure must not capture this (driver state)
        List<R> results = spark.parallelize(groups, groups.size())
                .mapPartitions((Iterator<List<CandidateSpec>> partition) -> {
                    Learner learner = ExecutorLearners.get(
                            executorFactory, TaskContext.get().cpus());
                    List<R> out = new ArrayList<>();
                    while (partition.hasNext()) {
                        out.addAll(work.call(learner, partition.next()));
                    }
                    return out.iterator();
                })
                .collect(); // partitions come back in index order, i.e. the order of the specs
        return List.copyOf(results);
    }

    private static <R> List<R> all(List<R> results, List<CandidateSpec> specs) {
        if (results.size() != specs.size()) {
            throw new IllegalStateException("the learner returned " + results.size() + " results for candidates "
                    + specs.stream().map(CandidateSpec::candidateId).toList());
        }
        return results;
    }
}
