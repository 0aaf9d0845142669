package munet.jobs.cli;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.List;
import munet.data.ImportOptions;
import munet.data.ImportReport;
import munet.data.benchmark.BenchmarkGenerator;
import munet.data.benchmark.BenchmarkSuite;
import munet.data.benchmark.CharacterTask;
import munet.data.benchmark.FontCatalog;
import munet.jobs.RunConfigFile;
import munet.jobs.UserError;
import munet.jobs.spark.SparkSessions;

/** {@code generate-benchmark}: renders the characters benchmark's task datasets. */
public final class GenerateBenchmarkCommand implements Subcommand {

  @Override
  public String name() {
    return "generate-benchmark";
  }

  @Override
  public String summary() {
    return "render the characters benchmark (one task dataset per script) from installed fonts";
  }

  @Override
  public String usage() {
    return """
        usage: munet generate-benchmark --output <folder> [--tasks a,b] [--seed n] [--config f]

        Renders each task of munet.data.benchmark.tasks into <folder>/<task> (a task dataset).
        Tasks, characters, image size, examples per class and allowed fonts are configuration:
        add a task with munet.data.benchmark.tasks.<name> { ranges = ["0030-0039"] } in a
        config file. Optional tasks whose fonts are not installed are skipped with a warning.

          --output <folder>  where the task folders go; each must not exist yet
          --tasks <a,b,...>  only these tasks (default: all configured tasks)
          --seed <n>         rendering seed (default munet.data.benchmark.seed)
          --config <file>    HOCON file over the defaults""";
  }

  @Override
  public int run(List<String> args) throws Exception {
    CommandLine line = CommandLine.parse(args, List.of("--output", "--tasks", "--seed", "--config"));
    if (!line.positional().isEmpty()) {
      throw new UserError("unexpected argument '" + line.positional().get(0) + "'; see --help");
    }
    String output = line.required("--output");
    Config config = RunConfigFile.load(line.option("--config", null));
    BenchmarkSuite suite = BenchmarkSuite.fromConfig(config);
    if (line.options().containsKey("--tasks")) {
      suite = suite.select(Arrays.stream(line.option("--tasks", "").split(","))
          .map(String::strip).filter(s -> !s.isEmpty()).toList());
    }
    if (line.options().containsKey("--seed")) {
      suite = suite.withSeed(line.intOption("--seed", 0));
    }
    if (suite.tasks().isEmpty()) {
      throw new UserError("no tasks to generate; configured: "
          + BenchmarkSuite.fromConfig(config).tasks().stream().map(CharacterTask::name).toList());
    }
    BenchmarkGenerator generator = new BenchmarkGenerator(suite, FontCatalog.installed(),
        ImportOptions.fromConfig(config, false));
    List<ImportReport> reports =
        generator.generate(output, SparkSessions.hadoopConfiguration(), System.err::println);
    System.out.println("generated " + reports.size() + " tasks in " + output);
    return 0;
  }
}
