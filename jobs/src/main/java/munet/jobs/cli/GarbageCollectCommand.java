package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.store.BlobCollector;
import munet.store.StoreLease;

/**
 * {@code gc}: removes blobs that no committed version (nor the saved in-progress iteration)
 * uses, once they are older than {@code munet.store.gc-grace-period}, so that blobs a running
 * job wrote before its next commit are never taken. Holds the store's lease while it runs.
 */
public final class GarbageCollectCommand implements Subcommand {

  @Override
  public String name() {
    return "gc";
  }

  @Override
  public String summary() {
    return "remove blobs no version uses, older than munet.store.gc-grace-period";
  }

  @Override
  public String usage() {
    return """
        usage: munet gc [--config FILE] [--store URI]
          Deletes every blob that no committed version and no in-progress iteration references and
          that is older than munet.store.gc-grace-period (e.g. -Dmunet.store.gc-grace-period=1s
          to collect everything unreferenced when no job runs).
        """ + StoreOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    StoreJob job = StoreOptions.open(CommandLine.parse(args, StoreOptions.NAMES), SparkSessions.hadoopConfiguration());
    job.committedVersion(); // a store never initialised has nothing to collect
    try (StoreLease lease = job.store().acquireLease("munet gc", job.settings())) {
      BlobCollector.Report report = job.store().collectGarbage(lease, job.settings());
      System.out.println("removed " + report.removed().size() + " unreferenced blobs, kept " + report.kept());
    }
    return 0;
  }
}
