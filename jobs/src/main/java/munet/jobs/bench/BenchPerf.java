package munet.jobs.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import munet.config.RunConfig;
import munet.jobs.StoreJob;
import munet.jobs.spark.StoreEvolution;
import munet.jobs.spark.TaskDatasets;
import munet.store.SystemStore;
import munet.system.Task;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * {@code bench perf}: on the first configured task and the store's root, (1) candidate training
 * images/s inside the evolve job (a finetune-all candidate: the whole path trainable) against the
 * engine's bare loop and trainer on the same model, and against matmul FLOP/s, and a generation of
 * candidates that share their batches and frozen prefix ({@link TrainingThroughput}); (2) the driver's
 * share of each µ2Net generation (planning, selection, history and checkpoint writes: generation
 * wall time minus its Spark job); (3) commit bytes and seconds of the k-th task and (4) one task's
 * inference images/s as the system grows, on a store grown task by task ({@link SystemGrowth}).
 */
public final class BenchPerf {
    /** The sections of {@code bench perf}, in the order they run. */
    public static final List<String> SECTIONS = List.of("training", "driver", "generations", "growth");

    static final int REPEATS = 3;
    private static final int COMMITS = 10;
    private static final List<Integer> INFER_AT = List.of(1, 5, 20);
    private static final List<Integer> DRIVER_HEAP_AT = List.of(1, 10, 50);

    private BenchPerf() {}

    /** The {@code sections} of {@code bench perf}; the training section trains about {@code trainingSteps} steps per row. */
    public static String run(
            SparkSession session, StoreJob job, String output, List<String> sections, int trainingSteps)
            throws Exception {
        Config config = job.config()
                .withValue(
                        "munet.tasks",
                        ConfigValueFactory.fromIterable(
                                List.of(job.config().getList("munet.tasks").get(0))));
        RunConfig run = RunConfig.from(config);
        Task task = TaskDatasets.resolve(run.tasks(), config).get(0);
        SparkJobTimes jobs = new SparkJobTimes();
        session.sparkContext().addSparkListener(jobs);
        StringBuilder out = new StringBuilder();
        if (sections.contains("training")) {
            TrainingThroughput.append(session, job, config, run, task, output, trainingSteps, out);
        }
        if (sections.contains("driver")) {
            driverOverhead(session, job, config, output, jobs, out);
        }
        if (sections.contains("generations")) {
            probes(session, job, output, out);
        }
        if (sections.contains("growth")) {
            growth(session, job, config, task, output, out);
        }
        return out.toString();
    }

    private static void growth(
            SparkSession session, StoreJob job, Config config, Task task, String output, StringBuilder out)
            throws Exception {
        SystemStore grown = RootCopy.fresh(session, job, new Path(new Path(output, "perf-stores"), "growth"));
        SystemGrowth growth = new SystemGrowth(grown, task, config);
        growth.grow(DRIVER_HEAP_AT.get(DRIVER_HEAP_AT.size() - 1), INFER_AT);
        out.append(
                        "\n### Commit of the k-th task (new top block, final norm and head; the rest shared with the root)\n\n")
                .append(
                        "| k | new params | new blob bytes | version table bytes | commit seconds |\n|---:|---:|---:|---:|---:|\n");
        growth.commits().stream()
                .filter(c -> c.task() <= COMMITS)
                .forEach(c -> out.append(String.format(
                        Locale.ROOT,
                        "| %d | %,d | %,d | %,d | %.3f |%n",
                        c.task(),
                        c.newParams(),
                        c.blobBytes(),
                        c.tableBytes(),
                        c.commitSeconds())));
        out.append("\n### Inference of one task's path as the system grows (test split; median of ")
                .append(SystemGrowth.REPEATS)
                .append(
                        " rounds over the system sizes, after a warm-up)\n\n| tasks in system | load system s | test images | images/s |\n|---:|---:|---:|---:|\n");
        growth.inferences()
                .forEach(i -> out.append(String.format(
                        Locale.ROOT,
                        "| %d | %.3f | %d | %.0f |%n",
                        i.tasks(),
                        i.loadSystemSeconds(),
                        i.examples(),
                        i.imagesPerSecond())));
        out.append("\n### Driver heap for the system's metadata (a loaded version; after GC; median of ")
                .append(SystemGrowth.REPEATS)
                .append(")\n\n| tasks in system | components | heap KiB |\n|---:|---:|---:|\n");
        growth.driverHeap(DRIVER_HEAP_AT)
                .forEach(h -> out.append(String.format(
                        Locale.ROOT, "| %d | %d | %.0f |%n", h.tasks(), h.components(), h.bytes() / 1024.0)));
    }

    /** A generation's wall time between its end and the previous one's, and the Spark job time inside it. */
    private record GenerationTime(int generation, double wall, double spark) {
        double driver() {
            return wall - spark;
        }

        double driverShare() {
            return driver() / wall;
        }
    }

    private static void driverOverhead(
            SparkSession session, StoreJob job, Config config, String output, SparkJobTimes jobs, StringBuilder out)
            throws Exception {
        VariantRecorder recorder = evolve(session, job, config, output, "mu2net");
        Thread.sleep(500); // the listener bus delivers the last job's end event asynchronously
        List<VariantRecorder.Generation> marks = recorder.generations();
        List<GenerationTime> rows = new ArrayList<>();
        for (int g = 1; g < marks.size(); g++) {
            long from = marks.get(g - 1).epochMillis();
            long to = marks.get(g).epochMillis();
            rows.add(new GenerationTime(marks.get(g).generation(), (to - from) / 1e3, jobs.secondsWithin(from, to)));
        }
        out.append(
                        "\n### Driver overhead per µ2Net generation (wall time between two generations' ends minus its Spark job)\n\n")
                .append(
                        "| generation | wall s | Spark job s | driver s | driver share |\n|---:|---:|---:|---:|---:|\n");
        for (GenerationTime r : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %.2f | %.2f | %.2f | %.1f%% |%n",
                    r.generation() + 1,
                    r.wall(),
                    r.spark(),
                    r.driver(),
                    100 * r.driverShare()));
        }
        double[] shares = rows.stream().mapToDouble(GenerationTime::driverShare).toArray();
        out.append(String.format(
                Locale.ROOT, "%nMedian driver share: %.1f%% of a generation.%n", 100 * Medians.of(shares)));
    }

    /** Peak memory with 1, 2 and 4 candidates training at once, and one generation of 4 on 1 and 2 cores: a fresh JVM each. */
    private static void probes(SparkSession session, StoreJob job, String output, StringBuilder out) throws Exception {
        java.nio.file.Path conf = Files.createTempFile("munet-bench-perf", ".conf");
        try {
            Files.writeString(conf, job.config().withOnlyPath("munet").root().render(ConfigRenderOptions.concise()));
            List<GenerationProbe.Result> results = new ArrayList<>();
            for (int[] probe : new int[][] {{1, 1}, {2, 2}, {4, 4}, {1, 4}, {2, 4}}) {
                double[] seconds = new double[REPEATS];
                double[] rss = new double[REPEATS];
                for (int r = 0; r < REPEATS; r++) {
                    String fresh = new Path(
                                    new Path(output, "perf-stores"),
                                    "probe-" + probe[0] + "-cores-" + probe[1] + "-" + r)
                            .toString();
                    GenerationProbe.Result result =
                            GenerationProbe.inChildJvm(conf.toString(), job.storeUri(), fresh, probe[0], probe[1]);
                    seconds[r] = result.jobSeconds();
                    rss[r] = result.peakRssKb();
                }
                results.add(new GenerationProbe.Result(
                        probe[0], probe[1], Medians.of(seconds), Math.round(Medians.of(rss))));
            }
            out.append(
                    "\n### One generation in a fresh JVM (embedded Spark: driver and executor share the JVM; candidates share"
                            + " the frozen root blocks; medians of " + REPEATS
                            + " JVMs)\n\n| Spark cores | candidates at once | generation Spark job s | peak RSS MiB |"
                            + " RSS over 1 candidate MiB |\n|---:|---:|---:|---:|---:|\n");
            long base = results.get(0).peakRssKb();
            for (GenerationProbe.Result r : results) {
                out.append(String.format(
                        Locale.ROOT,
                        "| %d | %d | %.1f | %.0f | %+.0f |%n",
                        r.cores(),
                        r.candidates(),
                        r.jobSeconds(),
                        r.peakRssKb() / 1024.0,
                        (r.peakRssKb() - base) / 1024.0));
            }
        } finally {
            Files.deleteIfExists(conf);
        }
    }

    static VariantRecorder evolve(SparkSession session, StoreJob job, Config config, String output, String name)
            throws IOException {
        SystemStore store = RootCopy.fresh(session, job, new Path(new Path(output, "perf-stores"), name));
        VariantRecorder recorder = new VariantRecorder();
        new StoreEvolution()
                .evolve(
                        JavaSparkContext.fromSparkContext(session.sparkContext()),
                        new StoreJob(config, store.root().toString(), store),
                        recorder,
                        recorder);
        return recorder;
    }
}
