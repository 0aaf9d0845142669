package munet.jobs.cli;

import munet.data.DatasetImporter;
import munet.data.ImportOptions;
import munet.data.ImportReport;
import munet.jobs.UserError;
import munet.jobs.spark.SparkSessions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code import-dataset}: converts a user's dataset into the task dataset format. */
@Command(
        name = "import-dataset",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "convert an image folder, CIFAR-10/100 binaries or a Parquet table into a task dataset",
        description = {
            "Checks every image and label, then writes Parquet (one folder per split, train /",
            "validation / test) and dataset.json with the class names. Nothing is written when any",
            "input is bad. Missing validation/test splits are carved from train (seeded, recorded)."
        })
public final class ImportDatasetCommand implements Subcommand {

    @Option(
            names = "--format",
            required = true,
            paramLabel = "FORMAT",
            description = {
                "image-folder  one sub-folder per class, optionally inside train/ validation/ test/ folders",
                "cifar10       data_batch_*.bin, test_batch.bin, batches.meta.txt",
                "cifar100      train.bin, test.bin, fine_label_names.txt",
                "parquet       a Parquet table: split folders, Hugging Face Hub files or a split",
                "              column; image struct<bytes, path>"
            })
    private String format;

    @Option(
            names = "--input",
            required = true,
            paramLabel = "PATH",
            description = "the dataset to read (parquet: local, hdfs:// or s3a:// paths)")
    private String input;

    @Option(
            names = "--output",
            required = true,
            paramLabel = "PATH",
            description = "the folder to create; it must not exist")
    private String output;

    @Option(
            names = "--subset",
            paramLabel = "NAME",
            description = {
                "parquet only: the configuration to import from Hugging Face's converted Parquet",
                "(<input>/<NAME>/<split>/*.parquet), needed when the input holds several"
            })
    private String subset;

    @Option(names = "--skip-corrupt", description = "skip images that cannot be decoded and report how many")
    private boolean skipCorrupt;

    @Option(
            names = "--max-pixels",
            paramLabel = "N",
            description = "largest image accepted (default munet.data.max-image-pixels)")
    private Integer maxPixels;

    @Mixin
    private final ConfigOption config = new ConfigOption();

    @Override
    public Integer call() throws Exception {
        DatasetImporter.Format parsed = DatasetImporter.Format.parse(format);
        ImportOptions defaults = ImportOptions.fromConfig(config.load(), skipCorrupt);
        ImportOptions options =
                new ImportOptions(maxPixels != null ? maxPixels : defaults.maxPixels(), skipCorrupt, defaults.carve());
        if (subset != null && parsed != DatasetImporter.Format.PARQUET) {
            throw new UserError(
                    "--subset selects a configuration of a Parquet dataset; --format " + format + " has none");
        }
        String source = subset == null ? input : input.replaceAll("/+$", "") + "/" + subset;
        ImportReport report =
                DatasetImporter.of(parsed, source, options).importTo(output, SparkSessions.hadoopConfiguration());
        System.out.println("imported " + report);
        return 0;
    }
}
