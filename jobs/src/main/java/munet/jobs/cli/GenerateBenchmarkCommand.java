package munet.jobs.cli;

import com.typesafe.config.Config;
import java.util.List;
import munet.data.ImportOptions;
import munet.data.ImportReport;
import munet.data.benchmark.BenchmarkGenerator;
import munet.data.benchmark.BenchmarkSuite;
import munet.data.benchmark.CharacterTask;
import munet.data.benchmark.FontCatalog;
import munet.jobs.UserError;
import munet.jobs.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code generate-benchmark}: renders the characters benchmark's task datasets. */
@Command(
        name = "generate-benchmark",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "render the characters benchmark (one task dataset per script) from installed fonts",
        description = {
            "Renders each task of munet.data.benchmark.tasks into <folder>/<task> (a task dataset).",
            "Tasks, characters, image size, examples per class and allowed fonts are configuration:",
            "add a task with munet.data.benchmark.tasks.<name> { ranges = [\"0030-0039\"] } in a",
            "config file. Optional tasks whose fonts are not installed are skipped with a warning."
        })
public final class GenerateBenchmarkCommand implements Subcommand {

    @Option(
            names = "--output",
            required = true,
            paramLabel = "FOLDER",
            description = "where the task folders go; each must not exist yet")
    private String output;

    @Option(
            names = "--tasks",
            split = ",",
            paramLabel = "TASK",
            description = "only these tasks (default: all configured tasks)")
    private List<String> tasks;

    @Option(names = "--seed", paramLabel = "N", description = "rendering seed (default munet.data.benchmark.seed)")
    private Integer seed;

    @Mixin
    private final ConfigOption configOption = new ConfigOption();

    @Override
    public Integer call() throws Exception {
        Config config = configOption.load();
        BenchmarkSuite suite = BenchmarkSuite.fromConfig(config);
        if (tasks != null) {
            suite = suite.select(
                    tasks.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
        }
        if (seed != null) {
            suite = suite.withSeed(seed);
        }
        if (suite.tasks().isEmpty()) {
            throw new UserError("no tasks to generate; configured: "
                    + BenchmarkSuite.fromConfig(config).tasks().stream()
                            .map(CharacterTask::name)
                            .toList());
        }
        BenchmarkGenerator generator =
                new BenchmarkGenerator(suite, FontCatalog.installed(), ImportOptions.fromConfig(config, false));
        List<ImportReport> reports =
                generator.generate(output, SparkSessions.hadoopConfiguration(), System.err::println);
        System.out.println("generated " + reports.size() + " tasks in " + output);
        return 0;
    }
}
