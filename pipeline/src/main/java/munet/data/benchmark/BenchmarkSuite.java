package munet.data.benchmark;

import com.typesafe.config.Config;
import java.util.List;
import java.util.TreeSet;

/** The benchmark's tasks (sorted by name) and the seed all of them are rendered with. */
public record BenchmarkSuite(long seed, List<CharacterTask> tasks) {

    public BenchmarkSuite {
        tasks = List.copyOf(tasks);
    }

    /** Reads {@code munet.data.benchmark}: every entry of {@code tasks} over {@code task-defaults}. */
    public static BenchmarkSuite fromConfig(Config config) {
        Config bench = config.getConfig("munet.data.benchmark");
        Config defaults = bench.getConfig("task-defaults");
        Config tasks = bench.getConfig("tasks");
        List<CharacterTask> out = new TreeSet<>(tasks.root().keySet())
                .stream()
                        .map(name -> CharacterTask.fromConfig(
                                name, tasks.getConfig(quote(name)).withFallback(defaults)))
                        .toList();
        return new BenchmarkSuite(bench.getLong("seed"), out);
    }

    /** Only the named tasks, in the order given; an unknown name is an error naming it. */
    public BenchmarkSuite select(List<String> names) {
        List<CharacterTask> picked = names.stream()
                .map(n -> tasks.stream()
                        .filter(t -> t.name().equals(n))
                        .findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("unknown benchmark task '" + n
                                + "'; configured tasks: "
                                + tasks.stream().map(CharacterTask::name).toList())))
                .toList();
        return new BenchmarkSuite(seed, picked);
    }

    public BenchmarkSuite withSeed(long newSeed) {
        return new BenchmarkSuite(newSeed, tasks);
    }

    private static String quote(String key) {
        return "\"" + key + "\"";
    }
}
