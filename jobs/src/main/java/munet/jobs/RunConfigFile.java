package munet.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Path;
import munet.config.RunConfig;

/** The configuration a subcommand runs with: {@link RunConfig#layered} of an optional file, as a UserError when bad. */
public final class RunConfigFile {
    private RunConfigFile() {}

    /** Loads {@code path} (null: defaults only) between reference.conf and -D system properties. */
    public static Config load(String path) {
        if (path == null) {
            return ConfigFactory.load();
        }
        try {
            return RunConfig.layered(Path.of(path));
        } catch (IOException e) {
            throw new UserError("config file " + path + " does not exist or is not readable", e);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
