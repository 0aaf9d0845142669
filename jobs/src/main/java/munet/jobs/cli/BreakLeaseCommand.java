package munet.jobs.cli;

import java.io.IOException;
import java.util.Optional;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.store.StoreLease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code break-lease}: frees a store whose writer died on another host. Refused while the
 * holder's heartbeat is younger than {@code munet.store.lease-timeout}, so a live job is never
 * cut off; a dead job on this host needs no command (its lease is freed when the next job starts).
 */
@Command(
        name = "break-lease",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "free a store whose writing job died (only once its heartbeat is older than the lease timeout)",
        description = {
            "Removes the store's writer lease if its holder's heartbeat is older than",
            "munet.store.lease-timeout; refuses, naming the holder, while it is fresher."
        })
public final class BreakLeaseCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws IOException {
        StoreJob job = storeOptions.open(SparkSessions.hadoopConfiguration());
        Optional<StoreLease.Holder> broken = job.store().breakStaleLease(job.settings());
        System.out.println(broken.map(holder -> "broke the lease held by " + holder)
                .orElse("store " + job.storeUri() + " has no lease"));
        return 0;
    }
}
