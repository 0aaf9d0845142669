package munet.jobs.spark;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import munet.config.RunConfig;
import munet.evolution.EvolutionRun;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
import munet.evolution.SweepRun;
import munet.jobs.StoreJob;
import munet.store.StoreLease;
import munet.store.SystemStore;
import munet.system.SystemState;
import munet.system.Task;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver loop of DESIGN.md section 1 against a store, on Spark: each generation is one Spark
 * job with one task per candidate. After every generation the candidate history and the iteration
 * state are saved, after every task iteration the new system version is committed; a killed run
 * resumes where it stopped. The {@code evolve} command and the benchmarks both run it.
 */
public final class StoreEvolution {
    private static final Logger LOG = LoggerFactory.getLogger(StoreEvolution.class);

    private final Function<TrainingLearnerFactory, ExecutorLearnerFactory> executorSide;

    public StoreEvolution() {
        this(factory -> factory);
    }

    /** {@code executorSide} may wrap the executors' learners: how a test ends an executor JVM in a real run. */
    public StoreEvolution(Function<TrainingLearnerFactory, ExecutorLearnerFactory> executorSide) {
        this.executorSide = executorSide;
    }

    /**
     * Evolves the store of {@code job} with its configuration, holding the store's lease, and
     * returns the final system. {@code observer} and {@code commits} see every generation and every
     * committed version after the store saved them (the benchmark harness measures through them).
     */
    public SystemState evolve(
            JavaSparkContext spark, StoreJob job, IterationJournal observer, EvolutionRun.Commits commits)
            throws IOException {
        List<Task> tasks = TaskDatasets.resolve(job.run().tasks(), job.config());
        SystemStore store = job.store();
        try (StoreLease lease = job.acquireLease("munet evolve")) {
            ExecutorLearnerFactory learners =
                    executorSide.apply(TrainingLearnerFactory.of(job.storeUri(), job.config(), lease));
            Optional<SweepRun.Start> sweep = store.sweep().start();
            SystemState end = job.run().concurrentTasks() > 1 || sweep.isPresent()
                    ? concurrent(spark, job, lease, learners, tasks, sweep, observer, commits)
                    : sequential(spark, job, lease, learners, tasks, observer, commits);
            store.checkpoint().clear(lease);
            return end;
        }
    }

    /** One task iteration after the other, from one random stream: {@link EvolutionRun}. */
    private static SystemState sequential(
            JavaSparkContext spark,
            StoreJob job,
            StoreLease lease,
            ExecutorLearnerFactory learners,
            List<Task> tasks,
            IterationJournal observer,
            EvolutionRun.Commits commits)
            throws IOException {
        RunConfig run = job.run();
        SystemStore store = job.store();
        SystemState stored = job.committed();
        GenerationProgress progress =
                new GenerationProgress(new StoreJournal(store, lease, store.checkpoint(), observer));
        SparkLearner learner = new SparkLearner(spark, learners, progress::status);
        EvolutionRun evolution =
                new EvolutionRun(run.evolution(), run.hparams(), run.taskIterations(), learner, progress, next -> {
                    SystemState committed = store.commit(lease, next);
                    LOG.info("committed version {}", committed.version());
                    commits.commit(committed);
                });
        Optional<IterationState> saved = store.checkpoint().load();
        if (saved.isPresent()) {
            LOG.info(
                    "resuming task {} pass {} at generation {}/{} from {}",
                    saved.get().task(),
                    saved.get().pass() + 1,
                    saved.get().nextGeneration() + 1,
                    saved.get().generations(),
                    job.storeUri());
        }
        return saved.isPresent()
                ? evolution.resume(stored, tasks, saved.get())
                : evolution.run(stored, tasks, run.seed());
    }

    /**
     * Up to {@code munet.run.concurrent-tasks} task iterations at once: {@link SweepRun}. A sweep in
     * progress resumes only with the settings it started with, which fix its schedule and streams.
     */
    private static SystemState concurrent(
            JavaSparkContext spark,
            StoreJob job,
            StoreLease lease,
            ExecutorLearnerFactory learners,
            List<Task> tasks,
            Optional<SweepRun.Start> started,
            IterationJournal observer,
            EvolutionRun.Commits commits)
            throws IOException {
        RunConfig run = job.run();
        SystemStore store = job.store();
        Optional<IterationState> sequential = store.checkpoint().load();
        if (sequential.isPresent()) {
            throw new IllegalArgumentException("store " + job.storeUri() + " holds the in-progress iteration of task "
                    + sequential.get().task() + " of a run with munet.run.concurrent-tasks = 1;"
                    + " rerun evolve with that setting to finish it");
        }
        if (started.isPresent()
                && (started.get().concurrentTasks() != run.concurrentTasks()
                        || started.get().seed() != run.seed())) {
            throw new IllegalArgumentException("store " + job.storeUri() + " holds a sweep in progress started with"
                    + " munet.run.concurrent-tasks = " + started.get().concurrentTasks() + " and munet.run.seed = "
                    + started.get().seed() + "; rerun evolve with those settings to finish it");
        }
        SystemState stored = job.committed();
        SystemState start = started.isPresent() ? store.load(started.get().startVersion()) : stored;
        SparkSweep host = new SparkSweep(
                spark,
                store,
                lease,
                learners,
                observer,
                commits,
                run.evolution().generations());
        return new SweepRun(
                        run.evolution(), run.hparams(), run.taskIterations(), run.concurrentTasks(), run.seed(), host)
                .run(start, stored, tasks, store.sweep().iterations());
    }
}
