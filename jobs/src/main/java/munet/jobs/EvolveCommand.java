package munet.jobs;

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
import munet.store.StoreLease;
import munet.store.SystemStore;
import munet.system.SystemState;
import munet.system.Task;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code evolve}: the product's main job. Driver loop of DESIGN.md section 1 over the configured
 * tasks and passes; each generation is one Spark job with one task per candidate. After every
 * generation the candidate history and the iteration state are saved, after every task iteration
 * the new system version is committed; a killed run resumes where it stopped.
 */
final class EvolveCommand implements Subcommand {
  private static final Logger LOG = LoggerFactory.getLogger(EvolveCommand.class);

  private final Function<TrainingLearnerFactory, ExecutorLearnerFactory> executorSide;

  EvolveCommand() {
    this(factory -> factory);
  }

  /** {@code executorSide} may wrap the executors' learners: how a test ends an executor JVM in a real run. */
  EvolveCommand(Function<TrainingLearnerFactory, ExecutorLearnerFactory> executorSide) {
    this.executorSide = executorSide;
  }

  @Override
  public String name() {
    return "evolve";
  }

  @Override
  public String summary() {
    return "evolve the configured tasks into the store's system (resumes a killed run)";
  }

  @Override
  public String usage() {
    return """
        usage: munet evolve [--config FILE] [--store URI]
          Introduces the configured tasks (munet.tasks) that have no path yet, then runs further
          passes over every task (munet.run.task-iterations), committing a version per task iteration.
          A run that was killed continues from its last finished generation.
        """ + StoreJob.OPTIONS_USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    CommandLine line = CommandLine.parse(args, StoreJob.OPTIONS);
    try (SparkSession session = SparkSessions.start("munet evolve")) {
      StoreJob job = StoreJob.open(line, session.sparkContext().hadoopConfiguration());
      long before = job.committedVersion();
      SystemState end = evolve(JavaSparkContext.fromSparkContext(session.sparkContext()), job, IterationJournal.NONE, next -> {});
      if (end.version() == before) {
        System.out.println("nothing to evolve: every configured task already has a path; raise munet.run.task-iterations"
            + " to revisit them, or add tasks to munet.tasks");
      }
      System.out.print(Leaderboard.of(end).render());
    }
    return 0;
  }

  /**
   * Evolves the store of {@code job} with its configuration, holding the store's lease, and
   * returns the final system. {@code observer} and {@code commits} see every generation and every
   * committed version after the store saved them (the benchmark harness measures through them).
   */
  SystemState evolve(JavaSparkContext spark, StoreJob job, IterationJournal observer, EvolutionRun.Commits commits)
      throws IOException {
    RunConfig run = job.run();
    List<Task> tasks = TaskDatasets.resolve(run.tasks(), job.config());
    SystemStore store = job.store();
    try (StoreLease lease = store.acquireLease("munet evolve", job.settings())) {
      SystemState stored = job.committed();
      GenerationProgress progress = new GenerationProgress(new IterationJournal() {
        @Override
        public void generationFinished(IterationState state, List<CandidateSpec> specs, List<CandidateResult> results)
            throws IOException {
          store.history().writeGeneration(specs, results);
          store.checkpoint().save(state);
          observer.generationFinished(state, specs, results);
        }

        @Override
        public void iterationFinished(IterationDiagnostics diagnostics) throws IOException {
          store.iterations().write(diagnostics);
          observer.iterationFinished(diagnostics);
        }
      });
      SparkLearner learner = new SparkLearner(spark, executorSide.apply(TrainingLearnerFactory.of(job.storeUri(), job.config())),
          progress::status);
      EvolutionRun evolution = new EvolutionRun(run.evolution(), run.hparams(), run.taskIterations(), learner, progress, next -> {
        SystemState committed = store.commit(lease, next);
        LOG.info("committed version {}", committed.version());
        commits.commit(committed);
      });
      Optional<IterationState> saved = store.checkpoint().load();
      if (saved.isPresent()) {
        LOG.info("resuming task {} pass {} at generation {}/{} from {}", saved.get().task(), saved.get().pass() + 1,
            saved.get().nextGeneration() + 1, saved.get().generations(), job.storeUri());
      }
      SystemState end = saved.isPresent() ? evolution.resume(stored, tasks, saved.get()) : evolution.run(stored, tasks, run.seed());
      store.checkpoint().clear();
      return end;
    }
  }
}
