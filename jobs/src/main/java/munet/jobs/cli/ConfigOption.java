package munet.jobs.cli;

import com.typesafe.config.Config;
import munet.jobs.RunConfigFile;
import picocli.CommandLine.Option;

/** {@code --config FILE}: the run configuration every subcommand but check-cluster reads. */
final class ConfigOption {
    @Option(names = "--config", paramLabel = "FILE", description = "the run configuration (HOCON) over the defaults")
    String file;

    /** reference.conf, then the file if given, then -D system properties. */
    Config load() {
        return RunConfigFile.load(file);
    }
}
