package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import munet.jobs.StoreJob;
import munet.jobs.spark.SparkSessions;
import munet.store.StoreLease;

/**
 * {@code break-lease}: frees a store whose writer died on another host. Refused while the
 * holder's heartbeat is younger than {@code munet.store.lease-timeout}, so a live job is never
 * cut off; a dead job on this host needs no command (its lease is freed when the next job starts).
 */
public final class BreakLeaseCommand implements Subcommand {

  @Override
  public String name() {
    return "break-lease";
  }

  @Override
  public String summary() {
    return "free a store whose writing job died (only once its heartbeat is older than the lease timeout)";
  }

  @Override
  public String usage() {
    return """
        usage: munet break-lease [--config FILE] [--store URI]
          Removes the store's writer lease if its holder's heartbeat is older than
          munet.store.lease-timeout; refuses, naming the holder, while it is fresher.
        """ + StoreOptions.USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    StoreJob job = StoreOptions.open(CommandLine.parse(args, StoreOptions.NAMES), SparkSessions.hadoopConfiguration());
    Optional<StoreLease.Holder> broken = job.store().breakStaleLease(job.settings());
    System.out.println(broken.map(holder -> "broke the lease held by " + holder).orElse("store " + job.storeUri() + " has no lease"));
    return 0;
  }
}
