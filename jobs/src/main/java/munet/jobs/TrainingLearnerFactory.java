package munet.jobs;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import munet.data.ParquetExampleSource;
import munet.evolution.Learner;
import munet.store.SystemStore;
import munet.train.LocalLearner;
import munet.train.TrainingConfig;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

/**
 * Makes each executor's real learner: the DJL trainer reading blobs from the store and examples
 * from the task datasets, with the run's training and data configuration. The configuration
 * travels as rendered HOCON text, so executors train with exactly the driver's settings.
 */
record TrainingLearnerFactory(String storeUri, String renderedConfig) implements ExecutorLearnerFactory {

  static TrainingLearnerFactory of(String storeUri, Config config) {
    Config needed = config.withOnlyPath("munet");
    return new TrainingLearnerFactory(storeUri, needed.root().render(ConfigRenderOptions.concise()));
  }

  @Override
  public String key() {
    return storeUri + "#" + Integer.toHexString(renderedConfig.hashCode());
  }

  @Override
  public Learner create(int threadsPerTask) {
    Config config = ConfigFactory.parseString(renderedConfig).withFallback(ConfigFactory.defaultReference()).resolve();
    try {
      // the executor's Hadoop configuration carries spark.hadoop.* settings (S3A credentials, ...)
      SystemStore store = SystemStore.open(storeUri, SparkHadoopUtil.get().newConfiguration(SparkEnv.get().conf()));
      LocalLearner trainer = new LocalLearner(TrainingConfig.from(config).withThreads(threadsPerTask),
          ParquetExampleSource.fromConfig(config), store.blobs());
      return new ResumableLearner(trainer, store.finishedCandidates());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open store " + storeUri + " on this executor", e);
    }
  }
}
