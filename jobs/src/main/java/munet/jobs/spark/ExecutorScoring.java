package munet.jobs.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import munet.inference.ImageScorer;
import munet.inference.PredictionPlan;
import munet.model.FrozenComponentCache;
import munet.model.TorchRuntime;
import munet.store.SystemStore;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.LongAccumulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one Spark partition of a scoring job runs: batches of rows through an {@link
 * ImageScorer} whose blocks come from the executor JVM's frozen component cache, so each blob is
 * read once per executor however many partitions and batches it scores. Rows stream through:
 * only one batch is held at a time.
 */
record ExecutorScoring(
        String storeUri,
        PredictionPlan plan,
        FrameScorer.Options options,
        long maxImagePixels,
        long cacheBytes,
        int inputColumns,
        LongAccumulator images)
        implements Serializable {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorScoring.class);

    Iterator<Row> run(Iterator<Row> rows) throws IOException {
        TaskContext context = TaskContext.get();
        TorchRuntime.prepareThread(context == null ? 1 : context.cpus());
        SystemStore store = SystemStore.open(storeUri, SparkSessions.hadoopConfiguration());
        ImageScorer scorer = new ImageScorer(
                plan,
                store.blobs(),
                FrozenComponentCache.perJvm(cacheBytes),
                maxImagePixels,
                options.topK(),
                options.logits());
        int partition = context == null ? 0 : context.partitionId();
        long[] seen = {0};
        if (context != null) {
            context.addTaskCompletionListener((TaskContext done) -> {
                scorer.close();
                LOG.info(
                        "partition {}: scored {} images with {} task(s)",
                        partition,
                        seen[0],
                        plan.paths().size());
            });
        }
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;

            @Override
            public boolean hasNext() {
                while (next == out.size() && rows.hasNext()) {
                    out.clear();
                    next = 0;
                    scoreBatch();
                }
                return next < out.size();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }

            private void scoreBatch() {
                List<Row> batch = new ArrayList<>();
                List<byte[]> bytes = new ArrayList<>();
                List<String> names = new ArrayList<>();
                while (batch.size() < options.batchSize() && rows.hasNext()) {
                    Row row = rows.next();
                    batch.add(row);
                    bytes.add((byte[]) row.get(inputColumns));
                    String name = row.getString(inputColumns + 1);
                    names.add(name != null ? name : "row " + seen[0] + " of partition " + partition);
                    seen[0]++;
                }
                try {
                    for (ImageScorer.Prediction prediction : scorer.score(bytes, names)) {
                        out.add(row(batch.get(prediction.index()), prediction));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e.getMessage(), e);
                }
                if (images != null) {
                    images.add(batch.size());
                }
            }
        };
    }

    private Row row(Row input, ImageScorer.Prediction prediction) {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < inputColumns; i++) {
            values.add(input.get(i));
        }
        values.add(prediction.task());
        values.add(prediction.label());
        values.add(prediction.labelName());
        values.add(prediction.score());
        List<Row> top = new ArrayList<>();
        prediction.topK().forEach(c -> top.add(RowFactory.create(c.label(), c.labelName(), c.score())));
        values.add(seq(top));
        if (options.logits()) {
            List<Float> logits = new ArrayList<>();
            for (float logit : prediction.logits()) {
                logits.add(logit);
            }
            values.add(seq(logits));
        }
        return RowFactory.create(values.toArray());
    }

    /** Spark's Row encoder takes array columns as Scala sequences. */
    private static <T> scala.collection.Seq<T> seq(List<T> values) {
        return scala.collection.JavaConverters.asScalaBuffer(values).toList();
    }
}
