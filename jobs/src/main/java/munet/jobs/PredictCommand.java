package munet.jobs;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import munet.inference.PredictionPlan;
import munet.system.SystemState;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code predict}: labels images with tasks of the committed version, as a Spark job. Input rows
 * are partitioned across executors; each executor reads the paths' blobs once (its frozen
 * component cache) and runs them batch by batch, computing a prefix of components that several
 * requested tasks share once per batch. Never writes the store, so it may run beside evolve.
 */
final class PredictCommand implements Subcommand {
  private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);
  private static final List<String> OPTIONS = List.of("--config", "--store", "--task", "--input", "--output", "--top-k", "--batch-size");

  @Override
  public String name() {
    return "predict";
  }

  @Override
  public String summary() {
    return "label images with tasks of the committed system (a Spark job); Parquet out";
  }

  @Override
  public String usage() {
    return """
        usage: munet predict --task T[,T2,...] --input IN --output OUT.parquet [--top-k K] [--logits] [--config FILE] [--store URI]
          Runs the committed paths of the tasks (root: the root model, with its imported head) on every image of IN:
          a dataset folder (our format or a Hugging Face Parquet export, every split) or a folder of PNG/JPEG files
          (any depth). OUT gets one row per image and task: image, task, label, label_name, score, top_k, [logits].
          --top-k K       classes listed in top_k (default 5)
          --logits        also write the logits (array<float>)
          --batch-size N  images an executor runs at once (default munet.training.eval-batch-size)
        """ + StoreJob.OPTIONS_USAGE;
  }

  @Override
  public int run(List<String> args) throws IOException {
    List<String> rest = new ArrayList<>(args);
    boolean logits = rest.remove("--logits");
    CommandLine line = CommandLine.parse(rest, OPTIONS);
    List<String> tasks = Arrays.stream(line.required("--task").split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    String input = StoreJob.absolute(line.required("--input"));
    String output = StoreJob.absolute(line.required("--output"));
    try (SparkSession session = SparkSessions.start("munet predict")) {
      StoreJob job = StoreJob.open(line, session.sparkContext().hadoopConfiguration());
      FrameScorer.Options options = new FrameScorer.Options(line.intOption("--top-k", 5), logits,
          line.intOption("--batch-size", job.config().getInt("munet.training.eval-batch-size")));
      Path out = new Path(output);
      if (out.getFileSystem(session.sparkContext().hadoopConfiguration()).exists(out)) {
        throw new UserError("output " + output + " exists already; remove it or choose another --output");
      }
      SystemState system = job.committed();
      PredictionPlan plan = FrameScorer.plan(system, tasks, job.config());
      Dataset<Row> images = ImageFrames.read(session, input);
      LongAccumulator counted = session.sparkContext().longAccumulator("images scored");
      LOG.info("predicting {} with version {}: tasks {}, {} components per batch ({} without shared prefixes)", input,
          system.version(), plan.paths().keySet(), plan.componentsPerBatch(), plan.componentsWithoutSharing());
      long start = System.nanoTime();
      Dataset<Row> scored = FrameScorer.score(images, ImageFrames.BYTES, ImageFrames.IMAGE, job.storeUri(), plan, options,
          job.config(), counted);
      List<Column> columns = new ArrayList<>(List.of(col("image"), col("task"), col("label"), col("label_name"), col("score"),
          col("top_k")));
      if (logits) {
        columns.add(col("logits"));
      }
      scored.select(columns.toArray(Column[]::new)).write().parquet(output);
      double seconds = (System.nanoTime() - start) / 1e9;
      long count = counted.value();
      System.out.printf(Locale.ROOT, "predicted %,d images with %d task(s) of version %d in %.1f s: %.1f images/s; wrote %s%n",
          count, tasks.size(), system.version(), seconds, count / seconds, output);
    }
    return 0;
  }
}
