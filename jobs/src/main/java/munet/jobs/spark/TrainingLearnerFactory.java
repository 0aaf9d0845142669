package munet.jobs.spark;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import munet.data.ParquetExampleSource;
import munet.evolution.Learner;
import munet.store.StoreLease;
import munet.store.SystemStore;
import munet.train.LocalLearner;
import munet.train.TrainingConfig;
import org.apache.spark.SparkEnv;

/**
 * Makes each executor's real learner: the DJL trainer reading blobs from the store and examples
 * from the task datasets, with the run's training and data configuration. The configuration
 * travels as rendered HOCON text, so executors train with exactly the driver's settings, and
 * with it the token of the driver's lease, which every record of a finished candidate checks.
 */
public record TrainingLearnerFactory(String storeUri, String renderedConfig, String leaseToken)
        implements ExecutorLearnerFactory {

    /** The learners of a job that holds the store's {@code lease}. */
    public static TrainingLearnerFactory of(String storeUri, Config config, StoreLease lease) {
        return new TrainingLearnerFactory(
                storeUri, rendered(config), lease.holder().token());
    }

    /** The learners of a job that only reads the store: they test, and recording a candidate would fail its fence. */
    public static TrainingLearnerFactory reading(String storeUri, Config config) {
        return new TrainingLearnerFactory(storeUri, rendered(config), "");
    }

    private static String rendered(Config config) {
        return config.withOnlyPath("munet").root().render(ConfigRenderOptions.concise());
    }

    @Override
    public String key() {
        return storeUri + "#" + Integer.toHexString(renderedConfig.hashCode()) + "#" + leaseToken;
    }

    @Override
    public Learner create(int threadsPerTask) {
        SystemStore store = store();
        return new ResumableLearner(
                trainer(store, threadsPerTask), store.finishedCandidates(), store.fence(leaseToken), store.blobs());
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
