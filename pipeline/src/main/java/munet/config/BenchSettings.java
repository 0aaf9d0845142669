package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;

/** {@code munet.bench}: where {@code munet bench} writes, and the contenders of {@code bench compare}. */
public record BenchSettings(String output, List<String> compareVariants) {

  public BenchSettings {
    compareVariants = List.copyOf(compareVariants);
  }

  public static BenchSettings from(Config config) {
    try {
      return new BenchSettings(config.getString("munet.bench.output"), config.getStringList("munet.bench.compare.variants"));
    } catch (ConfigException e) {
      throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
    }
  }
}
