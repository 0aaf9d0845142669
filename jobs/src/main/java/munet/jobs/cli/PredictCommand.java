package munet.jobs.cli;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import munet.inference.PredictionPlan;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.jobs.spark.FrameScorer;
import munet.jobs.spark.ImageFrames;
import munet.jobs.spark.SparkSessions;
import munet.system.SystemState;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code predict}: labels images with tasks of the committed version, as a Spark job. Input rows
 * are partitioned across executors; each executor reads the paths' blobs once (its frozen
 * component cache) and runs them batch by batch, computing a prefix of components that several
 * requested tasks share once per batch. Never writes the store, so it may run beside evolve.
 */
@Command(
        name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        header = "label images with tasks of the committed system (a Spark job); Parquet out",
        description = {
            "Runs the committed paths of the tasks (root: the root model, with its imported head) on every image of",
            "IN: a dataset folder (our format or a Hugging Face Parquet export, every split) or a folder of PNG/JPEG",
            "files (any depth). OUT gets one row per image and task: image, task, label, label_name, score, top_k",
            "and, with --logits, logits."
        })
public final class PredictCommand implements Subcommand {
    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    @Mixin
    private final StoreOptions storeOptions = new StoreOptions();

    @Option(
            names = "--task",
            paramLabel = "T[,T2...]",
            required = true,
            split = ",",
            description = "the tasks whose paths to run (root: the root path)")
    private List<String> tasks;

    @Option(
            names = "--input",
            paramLabel = "IN",
            required = true,
            description = "dataset folder, Parquet export or image folder")
    private String input;

    @Option(
            names = "--output",
            paramLabel = "OUT",
            required = true,
            description = "the Parquet folder to write (must not exist)")
    private String output;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "5",
            description = "classes listed in top_k (default: ${DEFAULT-VALUE})")
    private int topK;

    @Option(names = "--logits", description = "also write the logits (array<float>)")
    private boolean logits;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            description = "images an executor runs at once (default: munet.training.eval-batch-size)")
    private Integer batchSize;

    @Override
    public Integer call() throws IOException {
        String in = StoreJob.absolute(input);
        String out = StoreJob.absolute(output);
        try (SparkSession session = SparkSessions.start("munet predict")) {
            StoreJob job = storeOptions.open(session.sparkContext().hadoopConfiguration());
            FrameScorer.Options options = new FrameScorer.Options(
                    topK,
                    logits,
                    batchSize != null ? batchSize : job.config().getInt("munet.training.eval-batch-size"));
            Path target = new Path(out);
            if (target.getFileSystem(session.sparkContext().hadoopConfiguration())
                    .exists(target)) {
                throw new UserError("output " + out + " exists already; remove it or choose another --output");
            }
            SystemState system = job.committed();
            PredictionPlan plan = FrameScorer.plan(system, tasks, job.config());
            Dataset<Row> images = ImageFrames.read(session, in, job.config().getLong("munet.data.max-image-pixels"));
            LongAccumulator counted = session.sparkContext().longAccumulator("images scored");
            LOG.info(
                    "predicting {} with version {}: tasks {}, {} components per batch ({} without shared prefixes)",
                    in,
                    system.version(),
                    plan.paths().keySet(),
                    plan.componentsPerBatch(),
                    plan.componentsWithoutSharing());
            long start = System.nanoTime();
            Dataset<Row> scored = FrameScorer.score(
                    images, ImageFrames.BYTES, ImageFrames.IMAGE, job.storeUri(), plan, options, job.config(), counted);
            List<Column> columns = new ArrayList<>(
                    List.of(col("image"), col("task"), col("label"), col("label_name"), col("score"), col("top_k")));
            if (logits) {
                columns.add(col("logits"));
            }
            scored.select(columns.toArray(Column[]::new)).write().parquet(out);
            double seconds = (System.nanoTime() - start) / 1e9;
            long count = counted.value();
            System.out.printf(
                    Locale.ROOT,
                    "predicted %,d images with %d task(s) of version %d in %.1f s: %.1f images/s; wrote %s%n",
                    count,
                    tasks.size(),
                    system.version(),
                    seconds,
                    count / seconds,
                    out);
        }
        return 0;
    }
}
