package munet.jobs.cli;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import munet.config.BenchSettings;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.jobs.bench.BenchCompare;
import munet.jobs.bench.BenchPerf;
import munet.jobs.bench.BenchSweep;
import munet.jobs.bench.CompareSeed;
import munet.jobs.bench.CompareTable;
import munet.jobs.bench.CompareVariant;
import munet.jobs.spark.SparkSessions;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench compare}: µ2Net against the baselines from one root (a Markdown table on stdout
 * and in {@code <output>/compare.md}, the rows in {@code <output>/compare.parquet}).
 * {@code bench perf}: throughput, scaling and cost figures of this machine ({@code <output>/perf.md}).
 * {@code bench sweep}: concurrent task iterations against one at a time, and the driver's costs as
 * the pool grows ({@code <output>/sweep.md}).
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "benchmarks: compare (µ2Net vs baselines from one root), perf (throughput and costs), sweep",
        description = {
            "compare  evolves munet.tasks once per seed and variant, each in a fresh store under",
            "         <output>/stores/ started from a copy of version 1 (the root) of the store; writes",
            "         compare.md (rows, means, both protocols' verdicts, the accuracy/parameters plane,",
            "         the finetune-all sweep) and compare.parquet (one row per seed, variant and task)",
            "perf     measures training, inference, commit and driver costs; writes perf.md to <output>",
            "sweep    one pass over munet.tasks per number of concurrent task iterations (--concurrent),",
            "         each from a copy of the root, then the driver's costs as the pool grows; sweep.md"
        })
public final class BenchCommand implements Subcommand {

    private static final List<String> BENCHMARKS = List.of("compare", "perf", "sweep");

    @Parameters(arity = "0..1", paramLabel = "compare|perf|sweep", description = "which benchmark")
    private String benchmark;

    @Option(
            names = "--output",
            paramLabel = "DIR",
            description = "where results go (default: munet.bench.output); must not hold earlier stores")
    private String outputDir;

    @Option(
            names = "--variants",
            split = ",",
            paramLabel = "VARIANT",
            description = {
                "compare only: policies, each optionally @<score base> and, for a baseline, *<budget>",
                "(total, lineage or a count of candidates), e.g. mu2net,mu2net@0.5,finetune-all*lineage,",
                "finetune-all*total,freeze-bottom:2*lineage,adapters:16*lineage",
                "(default: munet.bench.compare.variants; repetitions: munet.bench.compare.seeds)"
            })
    private List<String> variantNames;

    @Option(
            names = "--concurrent",
            split = ",",
            paramLabel = "K",
            description = "sweep only: the numbers of concurrent task iterations to measure (default: 1,4)")
    private List<Integer> concurrencies = List.of(1, 4);

    @Option(
            names = "--sections",
            split = ",",
            paramLabel = "SECTION",
            description = "perf only: which sections to measure, of training,driver,generations,growth (default: all)")
    private List<String> sections = BenchPerf.SECTIONS;

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Override
    public Integer call() throws Exception {
        if (!BENCHMARKS.contains(benchmark)) {
            throw new UserError("say which benchmark: munet bench compare, perf or sweep (see --help)");
        }
        if (!BenchPerf.SECTIONS.containsAll(sections)) {
            throw new UserError("--sections takes some of " + String.join(",", BenchPerf.SECTIONS) + ", got "
                    + String.join(",", sections));
        }
        try (SparkSession session = SparkSessions.start("munet bench " + benchmark)) {
            StoreJob job = storeOptions.open(session.sparkContext().hadoopConfiguration());
            Config config = job.config();
            BenchSettings settings = BenchSettings.from(config);
            String loadBefore = loadAverage();
            String output = StoreJob.absolute(outputDir != null ? outputDir : settings.output());
            String report;
            String file;
            if (benchmark.equals("compare")) {
                double base = job.run().evolution().scoreBase();
                List<String> names = variantNames != null ? variantNames : settings.compareVariants();
                List<CompareVariant> variants = names.stream()
                        .map(String::strip)
                        .map(name -> CompareVariant.parse(name, base))
                        .toList();
                CompareTable table =
                        BenchCompare.run(session, config, job.store(), output, CompareSeed.of(settings), variants);
                table.writeParquet(session, new Path(output, "compare.parquet").toString());
                report = table.markdown();
                file = "compare.md";
            } else if (benchmark.equals("perf")) {
                report = BenchPerf.run(session, job, output, sections, settings.perfTrainingSteps());
                file = "perf.md";
            } else {
                if (concurrencies.stream().anyMatch(k -> k < 1)) {
                    throw new UserError("--concurrent takes numbers >= 1, got " + concurrencies);
                }
                report = BenchSweep.run(session, job, output, concurrencies);
                file = "sweep.md";
            }
            report = String.format(
                            "Machine: %d cores; load average (1, 5, 15 min) %s at the start, %s at the end.%n%n",
                            Runtime.getRuntime().availableProcessors(), loadBefore, loadAverage())
                    + report;
            write(session, new Path(output, file), report);
            System.out.print(report);
        }
        return 0;
    }

    /** The load other work puts on the machine, to read the figures with (Linux; elsewhere "unknown"). */
    private static String loadAverage() {
        try {
            String[] fields =
                    Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void write(SparkSession session, Path file, String text) throws IOException {
        FileSystem fs = file.getFileSystem(session.sparkContext().hadoopConfiguration());
        try (OutputStream out = fs.create(file, true)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
