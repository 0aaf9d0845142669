package munet.jobs.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.config.BenchSettings;
import munet.data.ImportOptions;
import munet.data.benchmark.BenchmarkGenerator;
import munet.data.benchmark.BenchmarkSuite;
import munet.data.benchmark.FontCatalog;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One repetition of {@code bench compare}: the run's seed and the seed the benchmark tasks' images
 * are rendered with. A rendering seed other than {@code munet.data.benchmark.seed} renders the
 * configured tasks anew under {@code <output>/data/r<seed>}, so that a claim is checked on
 * images it was not tuned on; the root stays the one of the root store.
 */
public record CompareSeed(long run, long rendering) {

    /** The repetitions of {@code munet.bench.compare.seeds}. */
    public static List<CompareSeed> of(BenchSettings settings) {
        return settings.compareSeeds().stream()
                .map(seed -> new CompareSeed(seed.runSeed(), seed.renderingSeed()))
                .toList();
    }

    /** How the tables name this repetition: {@code run/rendering}. */
    String label() {
        return run + "/" + rendering;
    }

    String folder() {
        return "seed-" + run + "-r" + rendering;
    }

    /** {@code config} with this run seed, and with task datasets rendered with this rendering seed (rendered now if missing). */
    Config applyTo(Config config, String output, Configuration hadoop) throws IOException {
        Config seeded = config.withValue("munet.run.seed", ConfigValueFactory.fromAnyRef(run));
        if (rendering == config.getLong("munet.data.benchmark.seed")) {
            return seeded;
        }
        Path data = new Path(new Path(output, "data"), "r" + rendering);
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (Config task : config.getConfigList("munet.tasks")) {
            Map<String, Object> entry = new LinkedHashMap<>(task.root().unwrapped());
            entry.put("dataset", new Path(data, task.getString("name")).toString());
            names.add(task.getString("name"));
            tasks.add(entry);
        }
        if (!data.getFileSystem(hadoop).exists(data)) {
            BenchmarkSuite suite =
                    BenchmarkSuite.fromConfig(config).select(names).withSeed(rendering);
            new BenchmarkGenerator(suite, FontCatalog.installed(), ImportOptions.fromConfig(config, false))
                    .generate(data.toString(), hadoop, System.err::println);
        }
        return seeded.withValue("munet.tasks", ConfigValueFactory.fromIterable(tasks));
    }
}
