package munet.jobs.spark;

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

/**
 * Makes each executor's real learner: the DJL trainer reading blobs from the store and examples
 * from the task datasets, with the run's training and data configuration. The configuration
 * travels as rendered HOCON text, so executors train with exactly the driver's settings.
 */
public record TrainingLearnerFactory(String storeUri, String renderedConfig) implements ExecutorLearnerFactory {

    public static TrainingLearnerFactory of(String storeUri, Config config) {
        Config needed = config.withOnlyPath("munet");
        return new TrainingLearnerFactory(storeUri, needed.root().render(ConfigRenderOptions.concise()));
    }

    @Override
    public String key() {
        return storeUri + "#" + Integer.toHexString(renderedConfig.hashCode());
    }

    @Override
    public Learner create(int threadsPerTask) {
        SystemStore store = store();
        return new ResumableLearner(trainer(store, threadsPerTask), store.finishedCandidates());
    }

    /** This JVM's view of the store. */
    public SystemStore store() {
        try {
            return SystemStore.open(storeUri, SparkSessions.hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open store " + storeUri + " on this executor", e);
        }
    }

    /** The DJL trainer alone, without the record of finished candidates that makes it resumable. */
    public LocalLearner trainer(SystemStore store, int threadsPerTask) {
        Config config = ConfigFactory.parseString(renderedConfig)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
        return new LocalLearner(
                TrainingConfig.from(config).withThreads(threadsPerTask),
                ParquetExampleSource.fromConfig(config, SparkSessions.hadoopConfiguration()),
                store.blobs(),
                executorName());
    }

    /** Who trained a candidate, for the history: "executor 1 on host pid 4242", or "driver ..." when Spark is embedded. */
    public static String executorName() {
        SparkEnv env = SparkEnv.get();
        String id = env.executorId();
        return (id.equals("driver") ? id : "executor " + id) + " on "
                + env.blockManager().blockManagerId().host() + " pid "
                + ProcessHandle.current().pid();
    }
}
