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
 * {@code bench compare}: evolves the configured tasks once per variant, each in a fresh store
 * under {@code <output>/stores/<variant>} started from a copy of the root store's version 1, with
 * the same tasks, seed and budget of training images per task; then tabulates every task.
 */
public final class BenchCompare {
  private static final Logger LOG = LoggerFactory.getLogger(BenchCompare.class);

  private BenchCompare() {}

  public static CompareTable run(SparkSession session, Config config, SystemStore root, String output, List<CompareVariant> variants)
      throws IOException {
    JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
    List<CompareRow> rows = new ArrayList<>();
    for (CompareVariant variant : variants) {
      String uri = new Path(new Path(output, "stores"), variant.folder()).toString();
      SystemStore fresh = SystemStore.open(uri, session.sparkContext().hadoopConfiguration());
      RootCopy.copy(root, fresh);
      LOG.info("bench compare: variant {} (policy {}, score base {}) in {}", variant.name(), variant.policy().name(),
          variant.scoreBase(), uri);
      VariantRecorder recorder = new VariantRecorder();
      SystemState end = new StoreEvolution().evolve(spark, new StoreJob(variant.applyTo(config), uri, fresh), recorder, recorder);
      rows.addAll(CompareRow.of(variant, recorder, end));
    }
    return new CompareTable(rows);
  }
}
