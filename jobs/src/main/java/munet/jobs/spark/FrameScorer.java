package munet.jobs.spark;

import static org.apache.spark.sql.functions.col;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import munet.data.DatasetMetadata;
import munet.inference.PredictionPlan;
import munet.jobs.StoreJob;
import munet.jobs.UserError;
import munet.store.SystemStore;
import munet.system.Path;
import munet.system.SystemState;
import munet.system.Task;
import munet.train.TrainingConfig;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores a DataFrame of images with tasks of a store: the entry point for Spark users (Zeppelin,
 * spark-shell, PySpark through the jar) and the engine of {@code munet predict}. Every input row
 * becomes one row per task with the prediction columns appended: {@code task}, {@code label},
 * {@code label_name}, {@code score} (the label's probability), {@code top_k} (array of struct
 * label, label_name, score) and, when asked, {@code logits}. Reads the store's committed
 * version only, so it is safe while a job evolves the store.
 *
 * <pre>
 * Dataset&lt;Row&gt; scored = FrameScorer.score(images, "image", "hdfs://nn/munet/store", List.of("digits"), FrameScorer.Options.defaults());
 * </pre>
 */
public final class FrameScorer {
    private static final Logger LOG = LoggerFactory.getLogger(FrameScorer.class);
    /** The task of the root model's path. */
    public static final String ROOT = Task.ROOT;

    static final String BYTES = "__munet_image_bytes";
    static final String NAME = "__munet_image_name";

    private FrameScorer() {}

    /** How many classes to list, whether to keep the logits, and how many images an executor runs at once. */
    public record Options(int topK, boolean logits, int batchSize) implements java.io.Serializable {
        public Options {
            if (topK < 1) {
                throw new IllegalArgumentException("top-k must be at least 1, got " + topK);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
            }
        }

        public static Options defaults() {
            return new Options(5, false, 64);
        }
    }

    /**
     * {@code frame} with the predictions of {@code tasks} ({@link #ROOT} for the root path) of the
     * store's committed version. {@code imageColumn} holds encoded PNG or JPEG images: binary, or
     * a struct with a {@code bytes} field (the Hugging Face layout).
     */
    public static Dataset<Row> score(
            Dataset<Row> frame, String imageColumn, String storeUri, List<String> tasks, Options options)
            throws IOException {
        Config config = ConfigFactory.load();
        SystemStore store = SystemStore.open(
                StoreJob.absolute(storeUri), frame.sparkSession().sparkContext().hadoopConfiguration());
        long version = store.latestVersion();
        if (version == 0) {
            throw new UserError("store " + storeUri + " holds no committed system");
        }
        PredictionPlan plan = plan(store.load(version), tasks, config);
        return score(frame, imageColumn, null, store.root().toString(), plan, options, config, null);
    }

    /**
     * The plan of {@code tasks} in {@code system}: their paths and, where their datasets can be
     * read, their class names.
     */
    public static PredictionPlan plan(SystemState system, List<String> tasks, Config config) {
        if (tasks.isEmpty()) {
            throw new UserError("no task to predict; name tasks of the store or " + ROOT);
        }
        Map<String, Path> paths = new LinkedHashMap<>();
        Map<String, List<String>> labelNames = new LinkedHashMap<>();
        for (String task : tasks) {
            if (task.equals(ROOT)) {
                paths.put(task, system.rootPaths().get(0));
                continue;
            }
            Path path = system.bestPaths().get(task);
            if (path == null) {
                throw new UserError(
                        "task '" + task + "' has no path in version " + system.version() + "; tasks with a path: "
                                + new ArrayList<>(system.bestPaths().keySet()) + " (or " + ROOT + ")");
            }
            paths.put(task, path);
            String dataset = system.task(task).datasetUri();
            try {
                DatasetMetadata metadata = DatasetFrames.reader(SparkSessions.hadoopConfiguration(), dataset, config)
                        .metadata();
                labelNames.put(task, metadata.classNames());
            } catch (IOException | RuntimeException e) {
                LOG.warn(
                        "task {}: class names unknown, label_name stays empty: cannot read dataset {}: {}",
                        task,
                        dataset,
                        e.getMessage());
            }
        }
        return PredictionPlan.of(system, paths, labelNames);
    }

    /** The engine of both entry points; {@code nameColumn} (may be null) names images in errors, {@code images} counts them. */
    public static Dataset<Row> score(
            Dataset<Row> frame,
            String imageColumn,
            String nameColumn,
            String storeUri,
            PredictionPlan plan,
            Options options,
            Config config,
            LongAccumulator images) {
        StructType input = frame.schema();
        if (!List.of(input.fieldNames()).contains(imageColumn)) {
            throw new UserError(
                    "the DataFrame has no column '" + imageColumn + "'; its columns: " + List.of(input.fieldNames()));
        }
        DataType type = input.apply(imageColumn).dataType();
        Column bytes;
        if (type.equals(DataTypes.BinaryType)) {
            bytes = col(imageColumn);
        } else if (type instanceof StructType struct
                && List.of(struct.fieldNames()).contains("bytes")) {
            bytes = col(imageColumn + ".bytes");
        } else {
            throw new UserError("column '" + imageColumn
                    + "' must hold image bytes (binary, or a struct with a bytes field), not " + type);
        }
        Column name = nameColumn == null
                ? org.apache.spark.sql.functions.lit(null).cast("string")
                : col(nameColumn).cast("string");
        Dataset<Row> prepared = frame.withColumn(BYTES, bytes).withColumn(NAME, name);
        ExecutorScoring scoring = new ExecutorScoring(
                storeUri,
                plan,
                options,
                config.getLong("munet.data.max-image-pixels"),
                TrainingConfig.from(config).frozenCacheBytes(),
                input.size(),
                images);
        SparkSession spark = frame.sparkSession();
        SparkSessions.describeNextJobs(
                spark.sparkContext(),
                "munet predict: version " + plan.version() + ", tasks "
                        + String.join(", ", plan.paths().keySet()));
        return spark.createDataFrame(
                prepared.javaRDD().mapPartitions(scoring::run), outputSchema(input, options.logits()));
    }

    static StructType outputSchema(StructType input, boolean logits) {
        StructType topClass = new StructType(new StructField[] {
            DataTypes.createStructField("label", DataTypes.IntegerType, false),
            DataTypes.createStructField("label_name", DataTypes.StringType, true),
            DataTypes.createStructField("score", DataTypes.DoubleType, false)
        });
        StructType out = input.add("task", DataTypes.StringType, false)
                .add("label", DataTypes.IntegerType, false)
                .add("label_name", DataTypes.StringType, true)
                .add("score", DataTypes.DoubleType, false)
                .add("top_k", new ArrayType(topClass, false), false);
        return logits ? out.add("logits", new ArrayType(DataTypes.FloatType, false), true) : out;
    }
}
