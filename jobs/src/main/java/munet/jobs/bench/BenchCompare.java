package munet.jobs.bench;

import com.typesafe.config.Config;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import munet.jobs.StoreJob;
import munet.jobs.spark.StoreEvolution;
import munet.store.SystemStore;
import munet.system.SystemState;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench compare}: for every seed, evolves the configured tasks once per variant, each in a
 * fresh store under {@code <output>/stores/<seed>/<variant>} started from a copy of the root
 * store's version 1, with the same tasks and seed; then tabulates every task.
 */
public final class BenchCompare {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCompare.class);

    private BenchCompare() {}

    public static CompareTable run(
            SparkSession session,
            Config config,
            SystemStore root,
            String output,
            List<CompareSeed> seeds,
            List<CompareVariant> variants)
            throws IOException {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        List<CompareRow> rows = new ArrayList<>();
        int run = 0;
        for (CompareSeed seed : seeds) {
            Config seeded = seed.applyTo(config, output, session.sparkContext().hadoopConfiguration());
            for (CompareVariant variant : variants) {
                run++;
                String uri = new Path(new Path(new Path(output, "stores"), seed.folder()), variant.folder()).toString();
                SystemStore fresh = SystemStore.open(uri, session.sparkContext().hadoopConfiguration());
                RootCopy.copy(root, fresh);
                LOG.info(
                        "bench compare {}/{}: seed {}, variant {} (policy {}, score base {}, baseline budget {}) in {}",
                        run,
                        seeds.size() * variants.size(),
                        seed.label(),
                        variant.name(),
                        variant.policy().name(),
                        variant.scoreBase(),
                        variant.effectiveBudget(seeded),
                        uri);
                VariantRecorder recorder = new VariantRecorder();
                Config applied = variant.applyTo(seeded);
                SystemState end =
                        new StoreEvolution().evolve(spark, new StoreJob(applied, uri, fresh), recorder, recorder);
                rows.addAll(CompareRow.of(seed, variant, variant.effectiveBudget(applied), recorder, end));
            }
        }
        return new CompareTable(rows);
    }
}
