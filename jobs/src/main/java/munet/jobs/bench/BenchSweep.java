package munet.jobs.bench;

import com.typesafe.config.ConfigValueFactory;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import munet.evolution.IterationJournal;
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
 * {@code bench sweep}: one pass over the configured tasks with each number of concurrent task
 * iterations, each from a copy of the store's root (wall time, executor busy share, Spark's own
 * overhead per job with one job at a time, time with no job running), then the driver's costs as the pool grows
 * ({@link PoolScaling}): the inputs of the scaling model in BENCHMARKS.md.
 */
public final class BenchSweep {
    private static final Logger LOG = LoggerFactory.getLogger(BenchSweep.class);
    private static final List<Integer> POOL_SIZES = List.of(10, 100, 1000, 3000);

    private BenchSweep() {}

    public static String run(SparkSession session, StoreJob job, String output, List<Integer> concurrencies)
            throws IOException {
        JavaSparkContext spark = JavaSparkContext.fromSparkContext(session.sparkContext());
        int slots = spark.sc().defaultParallelism()
                / Integer.parseInt(spark.getConf().get("spark.task.cpus", "1"));
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "#### One pass over %d tasks (%s, %d task slots, %s; %d candidates per generation)%n%n",
                job.run().tasks().size(),
                spark.master(),
                slots,
                spark.getConf().get("spark.scheduler.mode", "FIFO"),
                job.run().evolution().candidatesPerGeneration()));
        out.append("| concurrent tasks | wall s | Spark jobs | task s | executor busy share"
                + " | median job s beyond its longest task | no job running s |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int concurrent : concurrencies) {
            SystemStore fresh =
                    RootCopy.fresh(session, job, new Path(new Path(output, "stores"), "sweep-k" + concurrent));
            StoreJob sweep = new StoreJob(
                    job.config()
                            .withValue("munet.run.concurrent-tasks", ConfigValueFactory.fromAnyRef(concurrent))
                            .withValue("munet.run.task-iterations", ConfigValueFactory.fromAnyRef(1)),
                    fresh.root().toString(),
                    fresh);
            SweepListener listener = new SweepListener();
            spark.sc().addSparkListener(listener);
            long start = System.currentTimeMillis();
            SystemState end = new StoreEvolution().evolve(spark, sweep, IterationJournal.NONE, next -> {});
            long wall = System.currentTimeMillis() - start;
            spark.sc().removeSparkListener(listener);
            List<SweepListener.Job> jobs = listener.jobs();
            double taskSeconds =
                    jobs.stream().mapToLong(SweepListener.Job::taskMillis).sum() / 1e3;
            double overhead = Medians.of(jobs.stream()
                            .mapToDouble(SweepListener.Job::overheadMillis)
                            .toArray())
                    / 1e3;
            LOG.info("bench sweep: {} concurrent tasks reached version {} in {} ms", concurrent, end.version(), wall);
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %.1f | %d | %.1f | %.0f%% | %.3f | %.1f |%n",
                    concurrent,
                    wall / 1e3,
                    jobs.size(),
                    taskSeconds,
                    100 * taskSeconds / (wall / 1e3 * slots),
                    overhead,
                    listener.idleMillis(start, start + wall) / 1e3));
        }
        out.append(String.format(
                Locale.ROOT,
                "%n#### The driver as the pool grows (synthetic systems; medians of %d)%n%n",
                PoolScaling.REPEATS));
        out.append("| tasks | components | commit s | rebase ms | driver ms per generation |\n");
        out.append("|---:|---:|---:|---:|---:|\n");
        for (PoolScaling.Point point : PoolScaling.measure(
                RootCopy.fresh(session, job, new Path(new Path(output, "stores"), "pool")),
                job.settings(),
                job.run().evolution(),
                job.run().hparams(),
                POOL_SIZES)) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %d | %d | %.3f | %.2f | %.1f |%n",
                    point.tasks(),
                    point.components(),
                    point.commitSeconds(),
                    point.rebaseMillis(),
                    point.generationMillis()));
        }
        return out.toString();
    }
}
