package munet.jobs.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;
import org.apache.spark.sql.SparkSession;

/**
 * Starts the Spark session of a job. Without a master (no {@code spark.master} from spark-submit,
 * system properties or the caller) Spark runs embedded in this JVM, so a laptop needs no
 * cluster; the other defaults suit small machines and never override what the user set.
 */
public final class SparkSessions {

    static final String EMBEDDED_MASTER = "local[*]";

    private SparkSessions() {}

    /** A session named {@code appName}; {@code settings} win over defaults, not over the user's. */
    public static SparkSession start(String appName, Map<String, String> settings) {
        return SparkSession.builder().config(configuration(appName, settings)).getOrCreate();
    }

    public static SparkSession start(String appName) {
        return start(appName, Map.of());
    }

    static SparkConf configuration(String appName, Map<String, String> settings) {
        SparkConf conf = new SparkConf(); // loads spark.* system properties, i.e. spark-submit's
        settings.forEach(conf::setIfMissing);
        conf.setIfMissing("spark.master", EMBEDDED_MASTER);
        conf.setIfMissing("spark.app.name", appName);
        if (conf.get("spark.master").startsWith("local")) {
            // Embedded: nothing outside this JVM connects to the driver, so it stays on loopback
            // rather than guessing a network interface.
            conf.setIfMissing("spark.driver.host", "127.0.0.1");
            conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        // Fair scheduling between jobs submitted at once (the task iterations of a concurrent
        // sweep, each in a pool of its own); with one job at a time it schedules as FIFO does.
        conf.setIfMissing("spark.scheduler.mode", "FAIR");
        // The progress bar garbles the per-generation log lines on a terminal.
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        // Our tables are small; 200 shuffle partitions would mean 200 tiny tasks per query.
        conf.setIfMissing("spark.sql.shuffle.partitions", "8");
        return conf;
    }

    /**
     * The Hadoop configuration of this JVM's Spark settings: in an executor, or in a driver with
     * a running session, that session's; in a driver step without one (init, status, dataset
     * checks), those given to spark-submit or as system properties. Either way the spark.hadoop.*
     * settings (S3A credentials, ...) apply.
     */
    public static Configuration hadoopConfiguration() {
        SparkEnv env = SparkEnv.get();
        return SparkHadoopUtil.get().newConfiguration(env == null ? new SparkConf() : env.conf());
    }

    /** The text the Spark UI shows for the jobs this thread submits next. */
    public static void describeNextJobs(SparkContext context, String description) {
        context.setJobDescription(description);
    }
}
