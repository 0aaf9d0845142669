package munet.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.File;

/** The configuration a subcommand runs with: an optional HOCON file over the defaults. */
final class RunConfigFile {
  private RunConfigFile() {}

  /** Loads {@code path} (null: defaults only) over reference.conf; a bad file is a UserError. */
  static Config load(String path) {
    if (path == null) {
      return ConfigFactory.load();
    }
    File file = new File(path);
    if (!file.isFile() || !file.canRead()) {
      throw new UserError("config file " + path + " does not exist or is not readable");
    }
    try {
      return ConfigFactory.parseFile(file).withFallback(ConfigFactory.load()).resolve();
    } catch (ConfigException e) {
      throw new UserError("config file " + path + ": " + e.getMessage(), e);
    }
  }
}
