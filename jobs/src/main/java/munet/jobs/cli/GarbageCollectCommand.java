package munet.jobs.cli;

import java.io.IOException;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.store.BlobCollector;
import munet.store.StoreLease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gc}: removes blobs that no committed version (nor the saved in-progress iteration)
 * uses, once they are older than {@code munet.store.gc-grace-period}, so that blobs a running
 * job wrote before its next commit are never taken. Holds the store's lease while it runs.
 */
@Command(
        name = "gc",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "remove blobs no version uses, older than munet.store.gc-grace-period",
        description = {
            "Deletes every blob that no committed version and no in-progress iteration references and",
            "that is older than munet.store.gc-grace-period (e.g. -Dmunet.store.gc-grace-period=1s",
            "to collect everything unreferenced when no job runs)."
        })
public final class GarbageCollectCommand implements Subcommand {

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Mixin
    private final LeaseOption leaseOption = new LeaseOption();

    @Override
    public Integer call() throws IOException {
        StoreJob job = storeOptions.open(SparkSessions.hadoopConfiguration());
        job.committedVersion(); // a store never initialised has nothing to collect
        if (leaseOption.breakStale) {
            job.breakStaleLease("munet gc");
        }
        try (StoreLease lease = job.acquireLease("munet gc")) {
            BlobCollector.Report report = job.store().collectGarbage(lease, job.settings());
            System.out.println("removed " + report.removed().size() + " unreferenced blobs, kept " + report.kept());
        }
        return 0;
    }
}
