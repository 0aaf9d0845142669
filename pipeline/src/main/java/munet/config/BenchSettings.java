package munet.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code munet.bench}: where {@code munet bench} writes, the contenders of {@code bench compare}
 * and its repetitions (the run's own seeds once when none are configured), and how many steps
 * {@code bench perf} trains to compare the evolve job with the bare loop.
 */
public record BenchSettings(
        String output, List<String> compareVariants, List<Repetition> compareSeeds, int perfTrainingSteps) {

    /** One repetition of {@code bench compare}: the run seed and the rendering seed of the tasks' images. */
    public record Repetition(long runSeed, long renderingSeed) {}

    public BenchSettings {
        compareVariants = List.copyOf(compareVariants);
        compareSeeds = List.copyOf(compareSeeds);
    }

    public static BenchSettings from(Config config) {
        try {
            List<Repetition> seeds = new ArrayList<>();
            for (Config entry : config.getConfigList("munet.bench.compare.seeds")) {
                seeds.add(new Repetition(entry.getLong("run"), entry.getLong("rendering")));
            }
            if (seeds.isEmpty()) {
                seeds.add(
                        new Repetition(config.getLong("munet.run.seed"), config.getLong("munet.data.benchmark.seed")));
            }
            return new BenchSettings(
                    config.getString("munet.bench.output"),
                    config.getStringList("munet.bench.compare.variants"),
                    seeds,
                    ConfigChecks.atLeast(config, "munet.bench.perf.training-steps", 1));
        } catch (ConfigException e) {
            throw new IllegalArgumentException("invalid configuration: " + e.getMessage(), e);
        }
    }
}
