package munet.jobs.cli;

import java.io.IOException;
import java.util.Optional;
import munet.evolution.IterationState;
import munet.jobs.Leaderboard;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.store.StoreLease;
import munet.system.SystemState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code status}: what a store holds, without starting Spark. */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "summarise a store: version, tasks, parameters per task, shared fraction, running job",
        description = {
            "Prints the latest committed version: per task its accuracy, parameters (total, accounted,",
            "owned alone) and the components it shares; the pool's shared fraction; a job in progress."
        })
public final class StatusCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws IOException {
        StoreJob job = storeOptions.open(SparkSessions.hadoopConfiguration());
        SystemState system = job.committed();
        Leaderboard board = Leaderboard.of(system);
        System.out.print(board.render());
        long shared = system.components().values().stream()
                .filter(c -> c.owners().size() > 1)
                .mapToLong(c -> c.paramCount())
                .sum();
        System.out.printf(
                "shared: %.1f%% of the pool's parameters are used by more than one task (or the root and a task)%n",
                100.0 * shared / Math.max(1, board.poolParams()));
        Optional<StoreLease.Holder> holder =
                StoreLease.holder(job.store().fileSystem(), job.store().root());
        holder.ifPresent(h -> System.out.println("lease: held by " + h));
        for (IterationState s : job.store().inProgressIterations()) {
            System.out.printf(
                    "in progress: task %s pass %d, %d/%d generations done (rerun evolve to resume)%n",
                    s.task(), s.pass() + 1, s.nextGeneration(), s.generations());
        }
        return 0;
    }
}
