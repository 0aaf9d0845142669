package munet.jobs.cli;

import java.io.IOException;
import munet.jobs.StoreJob;
import org.apache.hadoop.conf.Configuration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options of every subcommand that works on a store: {@code --config} and {@code --store}. */
final class StoreOptions {
    @Mixin
    ConfigOption config = new ConfigOption();

    @Option(
            names = "--store",
            paramLabel = "URI",
            description = "the store: a local folder, hdfs://... or s3a://... (default: munet.store.uri)")
    String store;

    StoreJob open(Configuration hadoop) throws IOException {
        return StoreJob.open(config.file, store, hadoop);
    }
}
