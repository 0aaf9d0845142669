package munet.jobs.spark;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import munet.config.RunConfig;
import munet.evolution.CandidateResult;
import munet.evolution.CandidateSpec;
import munet.evolution.EvolutionRun;
import munet.evolution.IterationDiagnostics;
import munet.evolution.IterationJournal;
import munet.evolution.IterationState;
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
        RunConfig run = job.run();
        List<Task> tasks = TaskDatasets.resolve(run.tasks(), job.config());
        SystemStore store = job.store();
        try (StoreLease lease = job.acquireLease("munet evolve")) {
            SystemState stored = job.committed();
            GenerationProgress progress = new GenerationProgress(new IterationJournal() {
                @Override
                public void generationFinished(
                        IterationState state, List<CandidateSpec> specs, List<CandidateResult> results)
                        throws IOException {
                    store.history().writeGeneration(lease, specs, results);
                    store.checkpoint().save(lease, state);
                    observer.generationFinished(state, specs, results);
                }

                @Override
                public void iterationFinished(IterationDiagnostics diagnostics) throws IOException {
                    store.iterations().write(lease, diagnostics);
                    observer.iterationFinished(diagnostics);
                }
            });
            SparkLearner learner = new SparkLearner(
                    spark,
                    executorSide.apply(TrainingLearnerFactory.of(job.storeUri(), job.config(), lease)),
                    progress::status);
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
            SystemState end = saved.isPresent()
                    ? evolution.resume(stored, tasks, saved.get())
                    : evolution.run(stored, tasks, run.seed());
            store.checkpoint().clear(lease);
            return end;
        }
    }
}
