package munet.jobs.cli;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import munet.data.DatasetImporter;
import munet.data.ImportOptions;
import munet.data.ImportReport;
import munet.jobs.RunConfigFile;
import munet.jobs.UserError;
import munet.jobs.spark.SparkSessions;

/** {@code import-dataset}: converts a user's dataset into the task dataset format. */
public final class ImportDatasetCommand implements Subcommand {
  private static final String SKIP_CORRUPT = "--skip-corrupt";

  @Override
  public String name() {
    return "import-dataset";
  }

  @Override
  public String summary() {
    return "convert an image folder, CIFAR-10/100 binaries or a Parquet table into a task dataset";
  }

  @Override
  public String usage() {
    return """
        usage: munet import-dataset --format <format> --input <path> --output <path> [options]

        Checks every image and label, then writes Parquet (one folder per split, train /
        validation / test) and dataset.json with the class names. Nothing is written when any
        input is bad. Missing validation/test splits are carved from train (seeded, recorded).

          --format <format>    image-folder  one sub-folder per class, optionally inside
                                             train/ validation/ test/ folders
                               cifar10       data_batch_*.bin, test_batch.bin, batches.meta.txt
                               cifar100      train.bin, test.bin, fine_label_names.txt
                               parquet       a Parquet table: split folders, Hugging Face Hub
                                             files or a split column; image struct<bytes, path>
          --input <path>       the dataset to read (parquet: local, hdfs:// or s3a:// paths)
          --output <path>      the folder to create; it must not exist
          --skip-corrupt       skip images that cannot be decoded and report how many
          --max-pixels <n>     largest image accepted (default munet.data.max-image-pixels)
          --config <file>      HOCON file over the defaults (munet.data.carve.*, ...)""";
  }

  @Override
  public int run(List<String> args) throws Exception {
    List<String> rest = new ArrayList<>(args);
    boolean skipCorrupt = rest.removeIf(SKIP_CORRUPT::equals);
    CommandLine line = CommandLine.parse(rest,
        List.of("--format", "--input", "--output", "--max-pixels", "--config"));
    if (!line.positional().isEmpty()) {
      throw new UserError("unexpected argument '" + line.positional().get(0) + "'; see --help");
    }
    DatasetImporter.Format format = DatasetImporter.Format.parse(line.required("--format"));
    String input = line.required("--input");
    String output = line.required("--output");
    Config config = RunConfigFile.load(line.option("--config", null));
    ImportOptions defaults = ImportOptions.fromConfig(config, skipCorrupt);
    long maxPixels = line.options().containsKey("--max-pixels")
        ? line.intOption("--max-pixels", 0) : defaults.maxPixels();
    ImportOptions options = new ImportOptions(maxPixels, skipCorrupt, defaults.carve());
    ImportReport report = DatasetImporter.of(format, input, options)
        .importTo(output, SparkSessions.hadoopConfiguration());
    System.out.println("imported " + report);
    return 0;
  }
}
