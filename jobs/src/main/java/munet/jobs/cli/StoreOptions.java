package munet.jobs.cli;

import java.io.IOException;
import java.util.List;
import munet.jobs.StoreJob;
import org.apache.hadoop.conf.Configuration;

/** The options of every subcommand that works on a store: {@code --config} and {@code --store}. */
final class StoreOptions {
  static final List<String> NAMES = List.of("--config", "--store");
  static final String USAGE = """
        --config FILE   the run configuration (HOCON) over the defaults
        --store URI     the store: a local folder, hdfs://... or s3a://... (default: munet.store.uri)""";

  private StoreOptions() {}

  static StoreJob open(CommandLine line, Configuration hadoop) throws IOException {
    return StoreJob.open(line.option("--config", null), line.option("--store", null), hadoop);
  }
}
