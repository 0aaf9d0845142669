package munet.jobs.cli;

import java.io.IOException;
import munet.evolution.IterationJournal;
import munet.jobs.Leaderboard;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.jobs.spark.StoreEvolution;
import munet.system.SystemState;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code evolve}: the product's main job, {@link StoreEvolution} over the configured tasks and passes. */
@Command(
        name = "evolve",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "evolve the configured tasks into the store's system (resumes a killed run)",
        description = {
            "Introduces the configured tasks (munet.tasks) that have no path yet, then runs further",
            "passes over every task (munet.run.task-iterations), committing a version per task iteration.",
            "A run that was killed continues from its last finished generation."
        })
public final class EvolveCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Mixin
    private final LeaseOption leaseOption = new LeaseOption();

    private final StoreEvolution evolution;

    public EvolveCommand() {
        this(new StoreEvolution());
    }

    /** {@code evolution} may wrap the executors' learners: how a test ends an executor JVM in a real run. */
    public EvolveCommand(StoreEvolution evolution) {
        this.evolution = evolution;
    }

    @Override
    public Integer call() throws IOException {
        try (SparkSession session = SparkSessions.start("munet evolve")) {
            StoreJob job = storeOptions.open(session.sparkContext().hadoopConfiguration());
            long before = job.committedVersion();
            if (leaseOption.breakStale) {
                job.breakStaleLease("munet evolve");
            }
            SystemState end = evolution.evolve(
                    JavaSparkContext.fromSparkContext(session.sparkContext()), job, IterationJournal.NONE, next -> {});
            if (end.version() == before) {
                System.out.println(
                        "nothing to evolve: every configured task already has a path; raise munet.run.task-iterations"
                                + " to revisit them, or add tasks to munet.tasks");
            }
            System.out.print(Leaderboard.of(end).render());
        }
        return 0;
    }
}
