package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import munet.evolution.IterationJournal;
import munet.jobs.Leaderboard;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.jobs.spark.StoreEvolution;
import munet.system.SystemState;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/** {@code evolve}: the product's main job, {@link StoreEvolution} over the configured tasks and passes. */
public final class EvolveCommand implements Subcommand {
  private final StoreEvolution evolution;

  public EvolveCommand() {
    this(new StoreEvolution());
  }

  /** {@code evolution} may wrap the executors' learners: how a test ends an executor JVM in a real run. */
  public EvolveCommand(StoreEvolution evolution) {
    this.evolution = evolution;
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
        """ + StoreOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    CommandLine line = CommandLine.parse(args, StoreOptions.NAMES);
    try (SparkSession session = SparkSessions.start("munet evolve")) {
      StoreJob job = StoreOptions.open(line, session.sparkContext().hadoopConfiguration());
      long before = job.committedVersion();
      SystemState end = evolution.evolve(JavaSparkContext.fromSparkContext(session.sparkContext()), job, IterationJournal.NONE, next -> {});
      if (end.version() == before) {
        System.out.println("nothing to evolve: every configured task already has a path; raise munet.run.task-iterations"
            + " to revisit them, or add tasks to munet.tasks");
      }
      System.out.print(Leaderboard.of(end).render());
    }
    return 0;
  }
}
