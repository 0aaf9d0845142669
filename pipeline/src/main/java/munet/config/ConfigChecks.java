package munet.config;

import com.typesafe.config.Config;
import java.util.function.Supplier;

/** Reads of checked values; every failure names the configuration key it comes from. */
final class ConfigChecks {
    private ConfigChecks() {}

    static int atLeast(Config config, String path, int min) {
        int value = config.getInt(path);
        require(value >= min, path, "must be >= " + min + ", got " + value);
        return value;
    }

    static void require(boolean ok, String path, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(path + " " + problem);
        }
    }

    /** Runs {@code parse}, prefixing any IllegalArgumentException it throws with the key. */
    static <T> T at(String path, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }
}
